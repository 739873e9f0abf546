//! The example outputs in `reports/sample` are what `reports/regenerate.sh` makes today:
//! the script is run into a temporary folder with this build's binary and every file is
//! compared byte for byte, so the examples never go stale (and the outputs are
//! deterministic: no timestamps, no absolute paths).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

fn files(dir: &Path) -> BTreeSet<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect()
}

#[test]
fn committed_examples_are_up_to_date() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let tmp = tempfile::tempdir().unwrap();
    let out = Command::new("bash")
        .arg(root.join("reports/regenerate.sh"))
        .arg(tmp.path())
        .env("TAHLIL", env!("CARGO_BIN_EXE_tahlil"))
        .current_dir(root)
        .output()
        .expect("run bash reports/regenerate.sh");
    assert!(
        out.status.success(),
        "reports/regenerate.sh failed:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let committed = root.join("reports/sample");
    let fresh = files(tmp.path());
    assert_eq!(files(&committed), fresh, "reports/sample holds other files than the script makes");
    for name in &fresh {
        let a = std::fs::read(committed.join(name)).unwrap();
        let b = std::fs::read(tmp.path().join(name)).unwrap();
        assert!(
            a == b,
            "reports/sample/{name} is stale: run `bash reports/regenerate.sh` and commit the result"
        );
    }
    // nothing machine-specific inside
    for name in &fresh {
        let text = String::from_utf8(std::fs::read(tmp.path().join(name)).unwrap()).unwrap();
        let here = root.to_string_lossy();
        assert!(!text.contains(&*here), "{name} holds the absolute path {here}");
        assert!(!text.contains(&*tmp.path().to_string_lossy()), "{name} holds the output folder");
    }
}
