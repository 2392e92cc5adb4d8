//! The search tokenizer: any text gives tokens whose folded form is the fold of their exact
//! form, never empty, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use planportal::search::{fold, tokenize};

fuzz_target!(|text: &str| {
    for token in tokenize(text) {
        assert!(!token.exact.is_empty(), "empty token from {text:?}");
        assert_eq!(fold(&token.exact), token.folded, "token of {text:?}");
    }
    let _ = fold(text);
});
