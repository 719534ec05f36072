//! The JSON Schema (draft-07) of a bank file, generated from the format types.

use schemars::generate::SchemaSettings;

use crate::bank::format::BankFile;

/// The schema as pretty JSON with a trailing newline (the committed copy is byte-for-byte this).
pub fn bank_schema() -> String {
    let generator = SchemaSettings::draft07().into_generator();
    let schema = generator.into_root_schema_for::<BankFile>();
    let mut s = serde_json::to_string_pretty(&schema).expect("schema serializes");
    s.push('\n');
    s
}
