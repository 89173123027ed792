//! The Kubernetes IP and CIDR libraries.

/// An IP address.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IpValue {
    pub bytes: Vec<u8>,
}

impl IpValue {
    pub fn byte_len(&self) -> usize {
        self.bytes.len()
    }
}

/// A CIDR prefix.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CidrValue {
    pub ip: IpValue,
    pub bits: u8,
}

impl CidrValue {
    pub fn byte_len(&self) -> usize {
        (self.bits as usize).div_ceil(8)
    }
}

/// The functions of this library.
pub fn functions() -> Vec<super::decls::Function> {
    Vec::new()
}
