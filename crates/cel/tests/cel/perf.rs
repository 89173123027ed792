//! Evaluation speed of typical selectors (run with `--ignored --nocapture`,
//! preferably in release mode).

use std::time::Instant;

use crate::support::TestDevice;
use dra_cel::{compile, CompileOptions};

#[test]
#[ignore]
fn evaluation_speed() {
    let dev = TestDevice::from_json(&serde_json::json!({
        "driver": "gpu.example.com",
        "attributes": {
            "model": {"string": "a100"}, "index": {"int": 3}, "healthy": {"bool": true},
            "driverVersion": {"version": "1.7.2"}, "features": {"strings": ["nvlink", "mig"]},
            "other.example.com/numa": {"int": 1}
        },
        "capacity": {"memory": {"value": "80Gi"}, "cores": {"value": "108"}}
    }));
    let exprs = [
        r#"device.driver == "gpu.example.com""#,
        r#"device.driver == "gpu.example.com" && device.capacity["gpu.example.com"].memory.compareTo(quantity("40Gi")) >= 0"#,
        r#"device.driver == "gpu.example.com" && !("partition" in device.attributes["gpu.example.com"])"#,
        r#"device.driver == "gpu.example.com" && device.attributes["gpu.example.com"].healthy"#,
        r#"device.driver == "gpu.example.com" && device.attributes["gpu.example.com"].driverVersion.isGreaterThan(semver("1.5.0"))"#,
        r#""nvlink" in device.attributes["gpu.example.com"].features"#,
        r#"device.attributes["gpu.example.com"].features.exists(f, f == "mig")"#,
        r#"device.attributes["other.example.com"].numa == 1 && device.attributes["gpu.example.com"].model in ["a100", "h100"]"#,
    ];
    let opts = CompileOptions::default();
    for e in exprs {
        let p = compile(e, &opts).expect("compiles");
        let n = 200_000;
        let start = Instant::now();
        let mut trues = 0;
        for _ in 0..n {
            if p.evaluate(&dev.input()).unwrap() {
                trues += 1;
            }
        }
        let ns = start.elapsed().as_nanos() as f64 / n as f64;
        println!("{ns:8.1} ns/eval ({trues}) {e}");
    }
    let start = Instant::now();
    for e in exprs {
        for _ in 0..100 {
            compile(e, &opts).unwrap();
        }
    }
    println!(
        "compile: {:.1} us each",
        start.elapsed().as_micros() as f64 / (100.0 * exprs.len() as f64)
    );
}
