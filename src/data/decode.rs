//! Bytes to UTF-8 text: BOMs, UTF-16 exports, the Windows-1252 fallback, and telling binary
//! files apart from text. Uses nothing else.

use crate::error::{Error, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
    Windows1252,
}

impl Encoding {
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Utf16 => "utf-16",
            Encoding::Windows1252 => "windows-1252",
        }
    }

    pub fn parse(name: &str) -> Result<Encoding> {
        match name.to_ascii_lowercase().as_str() {
            "utf-8" | "utf8" => Ok(Encoding::Utf8),
            "utf-16" | "utf16" => Ok(Encoding::Utf16),
            "windows-1252" | "cp1252" | "latin-1" | "latin1" | "iso-8859-1" => {
                Ok(Encoding::Windows1252)
            }
            _ => Err(Error::BadOption { option: "encoding".into(), value: name.into() }),
        }
    }
}

/// How far into a file that is not UTF-8 we count control bytes.
const PROBE: usize = 64 * 1024;

/// Decodes `bytes` into UTF-8, guessing the encoding unless `forced`. A UTF-8 file is returned
/// without a copy (only its BOM removed). A NUL byte anywhere means binary (text has none, and
/// the csv reader would keep it in a field); a file cut in the middle of a character is refused.
pub fn decode(mut bytes: Vec<u8>, forced: Option<Encoding>) -> Result<(Vec<u8>, Encoding)> {
    let utf16 = bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]);
    if forced == Some(Encoding::Utf16) || (forced.is_none() && utf16) {
        return Ok((decode_utf16(&bytes)?.into_bytes(), Encoding::Utf16));
    }
    if let Some(offset) = bytes.iter().position(|&b| b == 0) {
        return Err(Error::Binary { offset });
    }
    let bom = if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) { 3 } else { 0 };
    bytes.drain(..bom);
    let utf8 = std::str::from_utf8(&bytes);
    if let (None, Err(e)) = (forced, &utf8) {
        if let Some(offset) = cut_utf8(&bytes, e) {
            return Err(Error::Truncated { offset: offset + bom, encoding: "UTF-8" });
        }
    }
    let valid_utf8 = utf8.is_ok();
    match forced {
        Some(Encoding::Windows1252) => Ok((windows_1252(&bytes).into_bytes(), Encoding::Windows1252)),
        Some(_) if valid_utf8 => Ok((bytes, Encoding::Utf8)),
        Some(_) => Ok((String::from_utf8_lossy(&bytes).into_owned().into_bytes(), Encoding::Utf8)),
        None if valid_utf8 => Ok((bytes, Encoding::Utf8)),
        None => {
            if let Some(offset) = control_bytes(&bytes) {
                return Err(Error::Binary { offset });
            }
            Ok((windows_1252(&bytes).into_bytes(), Encoding::Windows1252))
        }
    }
}

/// The first control byte, if control bytes make up more than 1 % of the start of the file:
/// text files have none besides tab, CR and LF.
fn control_bytes(bytes: &[u8]) -> Option<usize> {
    let probe = &bytes[..bytes.len().min(PROBE)];
    let is_control = |b: &u8| *b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C);
    let count = probe.iter().filter(|b| is_control(b)).count();
    (count * 100 > probe.len()).then(|| probe.iter().position(is_control).unwrap_or(0))
}

/// Where a UTF-8 file stops mid-character: the only invalid bytes are an unfinished sequence at
/// the end, and the text before holds multi-byte characters (so it is UTF-8, not a Windows-1252
/// file that happens to end in `é`).
fn cut_utf8(bytes: &[u8], e: &std::str::Utf8Error) -> Option<usize> {
    let at = e.valid_up_to();
    (e.error_len().is_none() && !bytes[..at].is_ascii()).then_some(at)
}

/// UTF-16 (little-endian unless a big-endian BOM says otherwise); refuses a file that stops in
/// the middle of a code unit or of a surrogate pair.
fn decode_utf16(bytes: &[u8]) -> Result<String> {
    let big_endian = bytes.starts_with(&[0xFE, 0xFF]);
    let cut = |offset| Err(Error::Truncated { offset, encoding: "UTF-16" });
    if bytes.len() % 2 == 1 {
        return cut(bytes.len() - 1);
    }
    let units = bytes.chunks_exact(2).map(|p| {
        if big_endian {
            u16::from_be_bytes([p[0], p[1]])
        } else {
            u16::from_le_bytes([p[0], p[1]])
        }
    });
    let last = bytes.len().saturating_sub(2);
    let high = if big_endian { bytes.get(last) } else { bytes.get(last + 1) };
    if bytes.len() > 2 && high.is_some_and(|b| (0xD8..0xDC).contains(b)) {
        return cut(last); // the first half of a surrogate pair
    }
    let text: String =
        char::decode_utf16(units).map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER)).collect();
    Ok(text.strip_prefix('\u{FEFF}').map(str::to_string).unwrap_or(text))
}

/// Windows-1252 differs from Latin-1 only in 0x80–0x9F; the five unassigned bytes map to the
/// C1 controls of the same value, as the WHATWG encoding standard says.
const CP1252_HIGH: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž', '\u{8F}',
    '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}', 'ž', 'Ÿ',
];

fn windows_1252(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|&b| match b {
            0x80..=0x9F => CP1252_HIGH[(b - 0x80) as usize],
            _ => b as char,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_is_stripped_from_utf8() {
        let (text, enc) = decode(b"\xEF\xBB\xBFa,b".to_vec(), None).unwrap();
        assert_eq!((text.as_slice(), enc), (&b"a,b"[..], Encoding::Utf8));
    }

    #[test]
    fn invalid_utf8_falls_back_to_windows_1252() {
        let (text, enc) = decode(b"caf\xE9 \x80".to_vec(), None).unwrap();
        assert_eq!((String::from_utf8(text).unwrap().as_str(), enc), ("café €", Encoding::Windows1252));
    }

    #[test]
    fn utf16_little_endian_is_decoded() {
        let bytes: Vec<u8> = [0xFF, 0xFE].into_iter().chain("é,1".encode_utf16().flat_map(u16::to_le_bytes)).collect();
        let (text, enc) = decode(bytes, None).unwrap();
        assert_eq!((String::from_utf8(text).unwrap().as_str(), enc), ("é,1", Encoding::Utf16));
    }

    #[test]
    fn nul_byte_means_binary() {
        assert_eq!(decode(b"ab\0cd".to_vec(), None), Err(Error::Binary { offset: 2 }));
    }

    #[test]
    fn control_bytes_in_non_utf8_mean_binary() {
        let bytes: Vec<u8> = (0..200u8).map(|i| if i % 3 == 0 { 0x01 } else { 0xC3 }).collect();
        assert!(matches!(decode(bytes, None), Err(Error::Binary { .. })));
    }
}
