//! Byte sources for the reader thread: a counting wrapper (for progress), gzip detection,
//! a UTF-16 → UTF-8 transcoder, and [`Chunker`], a reusable buffer that cuts a stream into
//! lines without reading more than one line into memory.

use encoding_rs::{Decoder, DecoderResult, Encoding};
use std::io::{self, Read};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

/// A boxed byte stream that can move to the reader thread.
pub(crate) type Stream = Box<dyn Read + Send>;

/// Size of the [`Chunker`] buffer.
const CHUNK: usize = 256 << 10;

/// Counts the bytes read from the underlying (on-disk) input, for progress reporting.
pub(crate) struct Counting<R> {
    inner: R,
    counter: Arc<AtomicU64>,
}

impl<R> Counting<R> {
    pub(crate) fn new(inner: R, counter: Arc<AtomicU64>) -> Self {
        Counting { inner, counter }
    }
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.counter.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// Reads up to `n` bytes from `r` (fewer only at end of stream).
pub(crate) fn read_head(r: &mut dyn Read, n: usize) -> io::Result<Vec<u8>> {
    let mut head = Vec::with_capacity(n);
    r.take(n as u64).read_to_end(&mut head)?;
    Ok(head)
}

/// Whether `head` starts with the gzip magic bytes.
pub(crate) fn is_gzip(head: &[u8]) -> bool {
    head.starts_with(&[0x1F, 0x8B])
}

/// Puts `head` back in front of `rest`, decompressing the whole if `gz`.
pub(crate) fn reassemble(head: Vec<u8>, rest: Stream, gz: bool) -> Stream {
    let joined = io::Cursor::new(head).chain(rest);
    if gz { Box::new(flate2::read::MultiGzDecoder::new(joined)) } else { Box::new(joined) }
}

/// Transcodes a UTF-16 stream to UTF-8, strictly: malformed input (a lone surrogate, an
/// odd trailing byte) is an [`io::ErrorKind::InvalidData`] error.
pub(crate) struct Utf16ToUtf8 {
    inner: Stream,
    decoder: Decoder,
    input: Vec<u8>,
    in_pos: usize,
    in_end: usize,
    eof: bool,
    done: bool,
    error: Option<u64>,
    output: Vec<u8>,
    out_pos: usize,
    out_end: usize,
    consumed: u64,
}

impl Utf16ToUtf8 {
    pub(crate) fn new(inner: Stream, encoding: &'static Encoding) -> Self {
        Utf16ToUtf8 {
            inner,
            decoder: encoding.new_decoder_without_bom_handling(),
            input: vec![0; 64 << 10],
            in_pos: 0,
            in_end: 0,
            eof: false,
            done: false,
            error: None,
            output: vec![0; 160 << 10],
            out_pos: 0,
            out_end: 0,
            consumed: 0,
        }
    }
}

impl Read for Utf16ToUtf8 {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        loop {
            if self.out_pos < self.out_end {
                let n = buf.len().min(self.out_end - self.out_pos);
                buf[..n].copy_from_slice(&self.output[self.out_pos..self.out_pos + n]);
                self.out_pos += n;
                return Ok(n);
            }
            if let Some(at) = self.error {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidData,
                    format!("malformed UTF-16 at byte {at} of the UTF-16 data"),
                ));
            }
            if self.done {
                return Ok(0);
            }
            if self.in_pos == self.in_end && !self.eof {
                // (the state changes only after a successful read: after an error, the
                // input already decoded is not decoded again)
                let n = loop {
                    match self.inner.read(&mut self.input) {
                        Ok(n) => break n,
                        Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                        Err(e) => return Err(e),
                    }
                };
                self.in_pos = 0;
                self.in_end = n;
                self.eof = n == 0;
            }
            let (res, read, written) = self.decoder.decode_to_utf8_without_replacement(
                &self.input[self.in_pos..self.in_end],
                &mut self.output,
                self.eof,
            );
            self.in_pos += read;
            self.consumed += read as u64;
            self.out_pos = 0;
            self.out_end = written;
            match res {
                DecoderResult::InputEmpty => self.done = self.eof,
                DecoderResult::OutputFull => {}
                // Hand out what was decoded before the bad bytes; then report them.
                DecoderResult::Malformed(bad, after) => {
                    self.error =
                        Some(self.consumed.saturating_sub(u64::from(after) + u64::from(bad)));
                }
            }
        }
    }
}

/// A buffered stream that hands out lines (or raw buffered bytes, for the CSV parser)
/// while keeping at most one chunk plus the current line in memory.
pub(crate) struct Chunker {
    src: Stream,
    buf: Vec<u8>,
    pos: usize,
    end: usize,
    eof: bool,
    /// A read error met by [`Chunker::peek`], returned once the bytes buffered before it
    /// have been handed out.
    deferred: Option<io::Error>,
    /// Bytes handed out (consumed) so far: the offset in the (decompressed) stream.
    pub offset: u64,
    /// Offset where the line or record being read started (see [`Chunker::mark`]).
    pub mark: u64,
}

/// One line from [`Chunker::next_line`].
pub(crate) enum Line {
    /// The line's bytes, without `\n` or `\r\n`.
    Bytes(Vec<u8>),
    /// The line was longer than the limit; it was read and thrown away.
    TooLong {
        /// Its length in bytes (without the line terminator).
        len: u64,
    },
}

impl Chunker {
    pub(crate) fn new(src: Stream) -> Self {
        Chunker {
            src,
            buf: vec![0; CHUNK],
            pos: 0,
            end: 0,
            eof: false,
            deferred: None,
            offset: 0,
            mark: 0,
        }
    }

    /// The bytes buffered and not yet consumed.
    pub(crate) fn buffered(&self) -> &[u8] {
        &self.buf[self.pos..self.end]
    }

    /// Remembers the current offset as the start of a line or record, so that a read error
    /// can be reported at the first byte that did not make it into a complete unit.
    pub(crate) fn mark(&mut self) {
        self.mark = self.offset;
    }

    /// Marks `n` buffered bytes as consumed.
    pub(crate) fn consume(&mut self, n: usize) {
        let n = n.min(self.end - self.pos);
        self.pos += n;
        self.offset += n as u64;
    }

    /// Reads more data when the buffer is empty. Returns `false` at end of stream.
    ///
    /// # Errors
    /// Read errors of the underlying stream (e.g. corrupt gzip data).
    pub(crate) fn fill(&mut self) -> io::Result<bool> {
        if self.pos < self.end {
            return Ok(true);
        }
        if let Some(e) = self.deferred.take() {
            return Err(e);
        }
        if self.eof {
            return Ok(false);
        }
        self.pos = 0;
        self.end = 0;
        loop {
            match self.src.read(&mut self.buf) {
                Ok(0) => {
                    self.eof = true;
                    return Ok(false);
                }
                Ok(n) => {
                    self.end = n;
                    return Ok(true);
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
    }

    /// Makes at least `n` bytes available in [`Chunker::buffered`] (fewer at end of
    /// stream, or before a read error; `n` is capped at the buffer size), and returns them.
    ///
    /// A read error after some bytes were buffered (damaged gzip data) is kept and
    /// returned by the read that follows those bytes, so the lines and records before the
    /// damage are still read.
    ///
    /// # Errors
    /// A read error before any byte could be buffered.
    pub(crate) fn peek(&mut self, n: usize) -> io::Result<&[u8]> {
        let n = n.min(self.buf.len());
        if self.end - self.pos < n {
            self.buf.copy_within(self.pos..self.end, 0);
            self.end -= self.pos;
            self.pos = 0;
            while self.end < n && !self.eof && self.deferred.is_none() {
                match self.src.read(&mut self.buf[self.end..]) {
                    Ok(0) => self.eof = true,
                    Ok(k) => self.end += k,
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                    Err(e) if self.end == self.pos => return Err(e),
                    Err(e) => self.deferred = Some(e),
                }
            }
        }
        Ok(self.buffered())
    }

    /// When [`Chunker::peek`] met an error in the data (corrupt gzip, which may decompress
    /// to garbage just before the error is detected), drops the buffered bytes from the
    /// start of the line holding buffered byte `at` on, so that the error comes right after
    /// the lines before it, and returns true. Returns false (and changes nothing) otherwise,
    /// also for a stream that only ends too early (truncated gzip yields no garbage, so its
    /// bytes are what the file holds).
    pub(crate) fn cut_before_damage(&mut self, at: usize) -> bool {
        match &self.deferred {
            Some(e) if e.kind() != io::ErrorKind::UnexpectedEof => {}
            _ => return false,
        }
        let before = &self.buf[self.pos..self.end.min(self.pos.saturating_add(at))];
        let keep = memchr::memrchr(b'\n', before).map_or(0, |i| i + 1);
        self.end = self.pos + keep;
        true
    }

    /// Whether the whole stream is in the buffer (after [`Chunker::peek`]).
    pub(crate) fn complete(&self) -> bool {
        self.eof
    }

    /// The rest of the stream (buffered bytes first) as a plain reader.
    pub(crate) fn into_stream(self) -> Stream {
        let rest = io::Cursor::new(self.buf[self.pos..self.end].to_vec());
        match self.deferred {
            Some(e) => Box::new(rest.chain(Failed(Some(e)))),
            None => Box::new(rest.chain(self.src)),
        }
    }

    /// Reads the rest of the stream into memory, up to `max` bytes.
    ///
    /// Returns `Ok(None)` if there is more than `max` (the surplus is not read).
    ///
    /// # Errors
    /// Read errors of the underlying stream, with the number of bytes read before them.
    pub(crate) fn read_rest(
        mut self,
        max: usize,
        size_hint: usize,
    ) -> Result<Option<Vec<u8>>, (io::Error, u64)> {
        let mut out = Vec::with_capacity(size_hint.min(max.saturating_add(1)));
        out.extend_from_slice(self.buffered());
        if out.len() > max {
            return Ok(None);
        }
        if let Some(e) = self.deferred.take() {
            return Err((e, out.len() as u64));
        }
        let limit = (max - out.len()) as u64 + 1;
        if let Err(e) = self.src.by_ref().take(limit).read_to_end(&mut out) {
            return Err((e, out.len() as u64));
        }
        Ok(if out.len() > max { None } else { Some(out) })
    }

    /// Reads the next line (up to `\n`) into a new vector sized to it, using `scratch` only
    /// for lines that span buffer refills. A line longer than `max` bytes is read and
    /// dropped in chunks. Returns `Ok(None)` at end of stream.
    ///
    /// # Errors
    /// Read errors of the underlying stream; the partial line is dropped.
    pub(crate) fn next_line(
        &mut self,
        max: usize,
        scratch: &mut Vec<u8>,
    ) -> io::Result<Option<Line>> {
        scratch.clear();
        self.mark();
        let mut len: u64 = 0;
        let mut too_long = false;
        loop {
            if !self.fill()? {
                if len == 0 {
                    return Ok(None);
                }
                break;
            }
            let avail = &self.buf[self.pos..self.end];
            let (piece, used, found) = match memchr::memchr(b'\n', avail) {
                Some(i) => (&avail[..i], i + 1, true),
                None => (avail, avail.len(), false),
            };
            len += piece.len() as u64;
            if !too_long {
                if found && scratch.is_empty() && piece.len() <= max {
                    let line = trim_cr(piece).to_vec();
                    self.consume(used);
                    return Ok(Some(Line::Bytes(line)));
                }
                if len <= max as u64 {
                    scratch.extend_from_slice(piece);
                } else {
                    too_long = true;
                    scratch.clear();
                }
            }
            self.consume(used);
            if found {
                break;
            }
        }
        if too_long {
            if scratch.capacity() > (4 << 20) {
                *scratch = Vec::new();
            }
            return Ok(Some(Line::TooLong { len }));
        }
        let line = trim_cr(scratch).to_vec();
        if scratch.capacity() > (4 << 20) {
            *scratch = Vec::new();
        }
        Ok(Some(Line::Bytes(line)))
    }
}

/// A reader that fails once with a stored error (then reports end of stream).
struct Failed(Option<io::Error>);

impl Read for Failed {
    fn read(&mut self, _: &mut [u8]) -> io::Result<usize> {
        match self.0.take() {
            Some(e) => Err(e),
            None => Ok(0),
        }
    }
}

fn trim_cr(line: &[u8]) -> &[u8] {
    line.strip_suffix(b"\r").unwrap_or(line)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(data: &[u8], max: usize) -> io::Result<Vec<String>> {
        let mut c = Chunker::new(Box::new(io::Cursor::new(data.to_vec())));
        c.buf = vec![0; 4]; // tiny buffer: lines span refills
        let mut scratch = Vec::new();
        let mut out = Vec::new();
        while let Some(l) = c.next_line(max, &mut scratch)? {
            out.push(match l {
                Line::Bytes(b) => String::from_utf8_lossy(&b).into_owned(),
                Line::TooLong { len } => format!("<{len}>"),
            });
        }
        Ok(out)
    }

    #[test]
    fn lines_across_refills() -> io::Result<()> {
        assert_eq!(lines(b"ab\r\ncdefghij\n\nxyz", 100)?, ["ab", "cdefghij", "", "xyz"]);
        assert_eq!(lines(b"ab\ncdefghij\nxy\n", 5)?, ["ab", "<8>", "xy"]);
        assert_eq!(lines(b"", 5)?, Vec::<String>::new());
        Ok(())
    }

    /// Data, then a read error (as from damaged gzip data).
    fn damaged(data: &[u8]) -> Stream {
        Box::new(io::Cursor::new(data.to_vec()).chain(Failed(Some(io::Error::new(
            io::ErrorKind::InvalidData,
            "corrupt deflate stream",
        )))))
    }

    #[test]
    fn an_error_met_while_peeking_comes_after_the_bytes_before_it() -> io::Result<()> {
        let mut c = Chunker::new(damaged(b"one\ntwo\nthr"));
        assert_eq!(c.peek(1 << 16)?, b"one\ntwo\nthr");
        assert!(!c.complete());
        let mut scratch = Vec::new();
        let mut got = Vec::new();
        let err = loop {
            match c.next_line(100, &mut scratch) {
                Ok(Some(Line::Bytes(b))) => got.push(String::from_utf8_lossy(&b).into_owned()),
                Ok(_) => break None,
                Err(e) => break Some(e.kind()),
            }
        };
        assert_eq!(got, ["one", "two"]);
        assert_eq!((err, c.mark), (Some(io::ErrorKind::InvalidData), 8));
        // whole-document reads and the UTF-16 path see the error too
        let mut c = Chunker::new(damaged(b"abc"));
        c.peek(10)?;
        assert_eq!(
            c.read_rest(100, 0).err().map(|(e, at)| (e.kind(), at)),
            Some((io::ErrorKind::InvalidData, 3))
        );
        let mut c = Chunker::new(damaged(b"abc"));
        c.peek(10)?;
        let mut out = Vec::new();
        assert!(c.into_stream().read_to_end(&mut out).is_err());
        assert_eq!(out, b"abc");
        // cut before the line holding a bad byte: the error comes after the lines before it
        let mut c = Chunker::new(damaged(b"one\ntwo\x00\nthree"));
        c.peek(100)?;
        assert!(c.cut_before_damage(7));
        assert!(matches!(c.next_line(100, &mut scratch), Ok(Some(Line::Bytes(b))) if b == b"one"));
        assert!(c.next_line(100, &mut scratch).is_err());
        assert_eq!(c.mark, 4);
        let mut c = Chunker::new(Box::new(io::Cursor::new(b"one\ntwo".to_vec())));
        c.peek(100)?;
        assert!(!c.cut_before_damage(5));
        let eof = io::Error::new(io::ErrorKind::UnexpectedEof, "truncated");
        let mut c =
            Chunker::new(Box::new(io::Cursor::new(b"a\0\nb".to_vec()).chain(Failed(Some(eof)))));
        c.peek(100)?;
        assert!(!c.cut_before_damage(1), "a truncated stream holds real data: no cut");
        // an error before any byte is returned by peek itself
        assert!(Chunker::new(damaged(b"")).peek(10).is_err());
        Ok(())
    }

    #[test]
    fn utf16_transcoding() -> io::Result<()> {
        let data: Vec<u8> =
            "{\"text\":\"مصر\"}\n".encode_utf16().flat_map(u16::to_le_bytes).collect();
        let mut out = String::new();
        Utf16ToUtf8::new(Box::new(io::Cursor::new(data)), encoding_rs::UTF_16LE)
            .read_to_string(&mut out)?;
        assert_eq!(out, "{\"text\":\"مصر\"}\n");
        let mut bad: Vec<u8> = "ab".encode_utf16().flat_map(u16::to_le_bytes).collect();
        bad.extend_from_slice(&[0x00, 0xD8, b'c', 0]); // lone high surrogate
        let mut out = Vec::new();
        let r = Utf16ToUtf8::new(Box::new(io::Cursor::new(bad)), encoding_rs::UTF_16LE)
            .read_to_end(&mut out);
        assert!(r.is_err());
        assert_eq!(out, b"ab");
        // a read error of the UTF-16 stream comes after the text before it, once: the
        // input decoded before it is not decoded (handed out) again
        let data: Vec<u8> = "ab".encode_utf16().flat_map(u16::to_le_bytes).collect();
        let mut t = Utf16ToUtf8::new(damaged(&data), encoding_rs::UTF_16LE);
        let mut buf = [0u8; 16];
        assert_eq!(t.read(&mut buf)?, 2);
        assert_eq!(&buf[..2], b"ab");
        assert!(t.read(&mut buf).is_err());
        assert_eq!(t.read(&mut buf)?, 0);
        Ok(())
    }
}
