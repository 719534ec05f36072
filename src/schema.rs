//! The JSON Schemas (draft-07) of a bank file and of roadmap.toml, generated from their types.

use schemars::JsonSchema;
use schemars::generate::SchemaSettings;

use crate::bank::format::BankFile;
use crate::roadmap::Roadmap;

/// The bank schema as pretty JSON with a trailing newline (the committed copy is byte-for-byte
/// this).
pub fn bank_schema() -> String {
    schema_of::<BankFile>()
}

/// The roadmap.toml schema, committed as questions/roadmap.schema.json.
pub fn roadmap_schema() -> String {
    schema_of::<Roadmap>()
}

fn schema_of<T: JsonSchema>() -> String {
    let generator = SchemaSettings::draft07().into_generator();
    let schema = generator.into_root_schema_for::<T>();
    let mut s = serde_json::to_string_pretty(&schema).expect("schema serializes");
    s.push('\n');
    s
}
