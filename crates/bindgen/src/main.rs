//! `atelier-bindgen INPUT.wasm OUT_DIR NAME`: writes `OUT_DIR/NAME.js` and
//! `OUT_DIR/NAME_bg.wasm`, the JavaScript glue and the module of `wasm-bindgen --target web
//! --no-typescript --out-name NAME`, whose library this is (scripts/build.sh runs it).
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [input, out_dir, name] = args.as_slice() else {
        eprintln!("usage: atelier-bindgen INPUT.wasm OUT_DIR NAME");
        return ExitCode::from(2);
    };
    match generate(input, out_dir, name) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("atelier-bindgen: {err:#}");
            ExitCode::FAILURE
        }
    }
}

/// The CLI's defaults for `--target web`, one difference from the library's own: the glue's
/// default module path (`new URL('NAME_bg.wasm', import.meta.url)`) is kept, as the CLI keeps it.
fn generate(input: &str, out_dir: &str, name: &str) -> anyhow::Result<()> {
    wasm_bindgen_cli_support::Bindgen::new()
        .input_path(input)
        .web(true)?
        .omit_default_module_path(false)
        .out_name(name)
        .generate(out_dir)
}
