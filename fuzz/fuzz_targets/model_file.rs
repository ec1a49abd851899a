//! A `model.json`: any bytes through the loader's checks; a model that loads must be usable
//! (resources build, a sentence scores).
#![no_main]
use framescope::model::FramingModel;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let Ok(text) = std::str::from_utf8(bytes) else { return };
    if let Ok(m) = FramingModel::from_json(std::path::Path::new("m.json"), text) {
        if let Ok(res) = framescope::pipeline::Resources::from_model(&m) {
            let feats = res.analyzer.features("Kyiv rejects the Kremlin's security guarantees.");
            let _ = m.p_kremlin(&m.tfidf.transform(&feats), 0.0);
        }
    }
});
