//! The committed JSON Schema must be what the format types generate today.

#[test]
fn the_committed_schema_is_not_stale() {
    let committed = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/questions/bank.schema.json"
    ))
    .unwrap();
    assert!(
        committed == levelcheck::schema::bank_schema(),
        "questions/bank.schema.json is stale: run `cargo run -- schema > questions/bank.schema.json`"
    );
}

#[test]
fn every_shipped_bank_points_editors_at_the_schema() {
    for (rel, text) in levelcheck::bank::embedded::FILES
        .iter()
        .filter(|(rel, _)| *rel != "roadmap.toml")
    {
        assert!(
            text.starts_with("#:schema ../bank.schema.json\n"),
            "{rel} does not start with the #:schema line"
        );
    }
}

#[test]
fn the_schema_is_draft_07_and_closed() {
    let v: serde_json::Value = serde_json::from_str(&levelcheck::schema::bank_schema()).unwrap();
    assert_eq!(v["$schema"], "http://json-schema.org/draft-07/schema#");
    assert_eq!(v["additionalProperties"], false);
    assert_eq!(
        v["definitions"]["RawQuestion"]["additionalProperties"],
        false
    );
}
