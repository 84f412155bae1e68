//! The rules for a plan's free-text fields.

/// The reason a text field was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InvalidText {
    #[error("must be at most {max} characters, got {length}")]
    TooLong { max: usize, length: usize },
    #[error("must not contain control characters")]
    ControlCharacter,
}

/// The longest strategy tag, in characters.
pub(crate) const MAX_STRATEGY_TAG_CHARACTERS: usize = 64;
/// The longest thesis or invalidation, in characters.
pub(crate) const MAX_NOTE_CHARACTERS: usize = 4000;

/// A short single-line label such as `mean-reversion`: trimmed, at most 64 characters,
/// no control characters. May be empty.
pub(crate) fn parse_tag(raw: &str) -> Result<String, InvalidText> {
    parse_text(raw, MAX_STRATEGY_TAG_CHARACTERS, |c| c.is_control())
}

/// A free-text note such as a thesis: trimmed, at most 4000 characters, no control
/// characters other than line breaks and tabs. May be empty.
pub(crate) fn parse_note(raw: &str) -> Result<String, InvalidText> {
    parse_text(raw, MAX_NOTE_CHARACTERS, |c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
}

fn parse_text(raw: &str, max: usize, refused: impl Fn(char) -> bool) -> Result<String, InvalidText> {
    let trimmed = raw.trim();
    let length = trimmed.chars().count();
    if length > max {
        return Err(InvalidText::TooLong { max, length });
    }
    if trimmed.chars().any(refused) {
        return Err(InvalidText::ControlCharacter);
    }
    Ok(trimmed.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trims_and_bounds_text() {
        assert_eq!(parse_tag("  momentum "), Ok("momentum".to_owned()));
        assert_eq!(parse_tag(""), Ok(String::new()));
        assert_eq!(parse_tag(&"x".repeat(65)), Err(InvalidText::TooLong { max: 64, length: 65 }));
        assert_eq!(parse_tag("a\nb"), Err(InvalidText::ControlCharacter));
        assert_eq!(parse_note("line one\nline two"), Ok("line one\nline two".to_owned()));
        assert_eq!(parse_note("bell\u{7}"), Err(InvalidText::ControlCharacter));
    }
}
