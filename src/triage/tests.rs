use super::*;

#[test]
fn builtin_parses() {
    Engine::from_toml(BUILTIN_TOML).expect("bundled triage.toml");
}
