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

#[test]
fn the_committed_roadmap_schema_is_not_stale() {
    let committed = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/questions/roadmap.schema.json"
    ))
    .unwrap();
    assert!(
        committed == levelcheck::schema::roadmap_schema(),
        "questions/roadmap.schema.json is stale: run `cargo run -- schema roadmap > questions/roadmap.schema.json`"
    );
}

#[test]
fn the_roadmaps_point_editors_at_the_roadmap_schema() {
    let (_, text) = levelcheck::bank::embedded::FILES
        .iter()
        .find(|(rel, _)| *rel == "roadmap.toml")
        .unwrap();
    assert!(text.starts_with("#:schema roadmap.schema.json\n"));
    let example = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/http-bank/roadmap.toml"
    ))
    .unwrap();
    assert!(example.starts_with("#:schema ../../questions/roadmap.schema.json\n"));
}

#[test]
fn the_roadmap_schema_is_closed_and_knows_every_table() {
    let v: serde_json::Value = serde_json::from_str(&levelcheck::schema::roadmap_schema()).unwrap();
    assert_eq!(v["$schema"], "http://json-schema.org/draft-07/schema#");
    assert_eq!(v["additionalProperties"], false);
    for table in ["Level", "Section", "Topic", "Track", "Area", "Rubric"] {
        assert_eq!(
            v["definitions"][table]["additionalProperties"], false,
            "{table} is not closed"
        );
    }
    let required: Vec<&str> = v["required"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r.as_str().unwrap())
        .collect();
    for key in ["format_version", "rubric", "levels", "sections", "topics"] {
        assert!(required.contains(&key), "{key} not required: {required:?}");
    }
}
