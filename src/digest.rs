//! Content hashes: a leaf module, so templates, fonts and written files hash alike without importing the output stage.

/// Lower-case hex SHA-256 of some bytes, for manifests and content hashes.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}
