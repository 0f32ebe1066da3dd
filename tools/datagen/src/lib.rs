//! What the generators share.

use std::path::Path;

/// Writes `contents` to `path` only when the file does not already hold exactly them, so that
/// regenerating unchanged data leaves the file's modification time alone and does not make
/// cargo rebuild the crate that embeds it. Returns whether the file was written.
///
/// # Errors
/// When the file cannot be read (other than not existing) or written.
pub fn write_if_changed(
    path: impl AsRef<Path>,
    contents: impl AsRef<[u8]>,
) -> std::io::Result<bool> {
    let (path, contents) = (path.as_ref(), contents.as_ref());
    match std::fs::read(path) {
        Ok(old) if old == contents => return Ok(false),
        Ok(_) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(e),
    }
    std::fs::write(path, contents)?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::write_if_changed;

    #[test]
    fn the_same_contents_are_not_written_again() -> std::io::Result<()> {
        let dir = std::env::temp_dir().join(format!("datagen-{}", std::process::id()));
        std::fs::create_dir_all(&dir)?;
        let path = dir.join("table.csv");
        let _ = std::fs::remove_file(&path);
        assert!(write_if_changed(&path, "a,b\n")?, "a new file is written");
        assert!(!write_if_changed(&path, "a,b\n")?, "the same text is not");
        assert!(write_if_changed(&path, "a,c\n")?, "a different text is");
        assert_eq!(std::fs::read_to_string(&path)?, "a,c\n");
        std::fs::remove_dir_all(&dir)
    }
}
