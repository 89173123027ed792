/// The functions of this library.
pub fn functions() -> Vec<super::decls::Function> {
    Vec::new()
}
