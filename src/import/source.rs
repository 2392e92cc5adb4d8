//! Reading what an office has: a UTF-8 (or UTF-16) text extracted from Word or PDF, or a `.docx`
//! file, into numbered lines of text. Table rows become lines whose cells are separated by tabs,
//! as text extractions write them, so that the rest of the importer sees one shape of input.

use super::docx;
use unicode_normalization::UnicodeNormalization;

/// One line of the source, numbered as the editor will find it (a line of a text file, a
/// paragraph or table row of a `.docx`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// 1-based line (text) or paragraph (`.docx`) number.
    pub no: usize,
    /// The text, NFC, without the line break; table cells separated by `\t`.
    pub text: String,
}

/// What kind of file the source was.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceKind {
    /// Plain text.
    Text,
    /// A Word `.docx` document.
    Docx,
}

impl SourceKind {
    /// The Vietnamese word for a position in this kind of file (“dòng”, “đoạn”).
    pub fn unit(self) -> &'static str {
        match self {
            SourceKind::Text => "dòng",
            SourceKind::Docx => "đoạn",
        }
    }
}

/// The source read into lines.
#[derive(Debug, Clone)]
pub struct Source {
    /// What the file was.
    pub kind: SourceKind,
    /// Its lines, in order.
    pub lines: Vec<Line>,
}

/// Why a file could not be read as a plan; the message is Vietnamese and says what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unreadable(pub String);

/// Reads a file's bytes: a `.docx` (recognised by its ZIP signature) or text in UTF-8 (with or
/// without BOM) or UTF-16 with BOM. Anything else is [`Unreadable`].
pub fn read(bytes: &[u8]) -> Result<Source, Unreadable> {
    if bytes.starts_with(b"PK\x03\x04") {
        let lines = docx::read(bytes).map_err(Unreadable)?;
        return Ok(Source {
            kind: SourceKind::Docx,
            lines: lines
                .into_iter()
                .map(|line| Line {
                    text: normalize(&line.text),
                    ..line
                })
                .collect(),
        });
    }
    let text = decode(bytes)?;
    let lines = text
        .replace("\r\n", "\n")
        .replace('\r', "\n")
        .split('\n')
        .enumerate()
        .map(|(index, text)| Line {
            no: index + 1,
            text: normalize(text),
        })
        .collect();
    Ok(Source {
        kind: SourceKind::Text,
        lines,
    })
}

/// Decodes text bytes, refusing binary files.
fn decode(bytes: &[u8]) -> Result<String, Unreadable> {
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return utf16(rest, u16::from_le_bytes);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return utf16(rest, u16::from_be_bytes);
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let binary = || {
        Unreadable(
            "tệp không phải văn bản UTF-8 cũng không phải tệp Word .docx (có thể là .doc, PDF hay ảnh quét). \
             Mở tệp bằng Word hoặc LibreOffice rồi lưu thành .docx, hoặc chép toàn văn ra tệp .txt (UTF-8)"
                .to_string(),
        )
    };
    if bytes.contains(&0) {
        return Err(binary());
    }
    String::from_utf8(bytes.to_vec()).map_err(|_| binary())
}

fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> Result<String, Unreadable> {
    let units: Vec<u16> = bytes
        .chunks_exact(2)
        .map(|pair| unit([pair[0], pair[1]]))
        .collect();
    String::from_utf16(&units)
        .map_err(|_| Unreadable("tệp UTF-16 bị hỏng: lưu lại tệp bằng bảng mã UTF-8".to_string()))
}

/// NFC, no-break and other odd spaces as plain spaces, zero-width characters and control
/// characters (except tabs) removed, trailing spaces trimmed (trailing tabs are empty cells).
fn normalize(text: &str) -> String {
    let cleaned: String = text
        .nfc()
        .filter_map(|c| match c {
            '\t' => Some('\t'),
            '\u{00A0}' | '\u{2007}' | '\u{202F}' | '\u{2002}'..='\u{200A}' | '\u{3000}' => {
                Some(' ')
            }
            '\u{200B}'..='\u{200D}' | '\u{FEFF}' | '\u{00AD}' => None,
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect();
    cleaned.trim_end_matches([' ', '\r', '\n']).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_text_lines_with_bom_and_crlf() {
        let source = read("\u{FEFF}Số: 1/QĐ-UBND\r\n\r\nKẾ HOẠCH  \r\n".as_bytes()).unwrap();
        assert_eq!(source.kind, SourceKind::Text);
        assert_eq!(source.lines[0].text, "Số: 1/QĐ-UBND");
        assert_eq!(
            source.lines[2],
            Line {
                no: 3,
                text: "KẾ HOẠCH".into()
            }
        );
    }

    #[test]
    fn reads_utf16() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "Xã".encode_utf16() {
            bytes.extend(unit.to_le_bytes());
        }
        assert_eq!(read(&bytes).unwrap().lines[0].text, "Xã");
    }

    #[test]
    fn refuses_binary() {
        assert!(read(&[0x25, 0x50, 0x44, 0x46, 0x00, 0xFF]).is_err());
        assert!(read(&[0xC3, 0x28]).is_err());
    }
}
