//! `synth --units N [--seed S] --root DIR`: writes N synthetic valid units for benchmarks.

use std::path::PathBuf;

use gen_budget::load::{Project, parse_toml, read_source};
use gen_budget::model::Catalog;
use gen_budget::synth::{Rng, unit_toml};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let value = |flag: &str| args.iter().position(|a| a == flag).and_then(|i| args.get(i + 1)).cloned();
    let units: usize = value("--units").and_then(|v| v.parse().ok()).unwrap_or(10);
    let seed: u64 = value("--seed").and_then(|v| v.parse().ok()).unwrap_or(42);
    let root = PathBuf::from(value("--root").unwrap_or_else(|| ".".into()));
    let catalog_root = PathBuf::from(value("--catalog").unwrap_or_else(|| ".".into()));
    let project = Project::new(&catalog_root);
    let source = read_source(&project.catalog_file(2024)).unwrap_or_else(|d| panic!("{d}"));
    let catalog: Catalog = parse_toml(&source).unwrap_or_else(|d| panic!("{d:?}"));
    let mut rng = Rng::new(seed);
    for i in 0..units {
        let name = format!("综合管理中心{:03}", i + 1);
        let dir = root.join("departments").join(&name);
        std::fs::create_dir_all(&dir).expect("departments folder is writable");
        std::fs::write(dir.join("2024.toml"), unit_toml(&catalog, &name, &mut rng)).expect("unit file is writable");
    }
    println!("wrote {units} units under {}", root.join("departments").display());
}
