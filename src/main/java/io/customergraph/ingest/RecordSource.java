package io.customergraph.ingest;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A stream of raw records read from files, one at a time: an mbox or CSV of any size is read in constant memory.
 * Formats are chosen by file name: directories are walked (maildir trees, folders of exports), {@code .mbox} (or a
 * file starting with "From ") is split into messages, {@code .eml} and other mail files are one message, {@code .csv}
 * rows, {@code .jsonl}/{@code .ndjson} lines, {@code .json} array elements, {@code .xml}/{@code .vtt} whole files.
 */
public final class RecordSource implements Iterator<RawRecord>, AutoCloseable {

  static final JsonMapper JSON = JsonMapper.builder().build();

  private final IngestKind kind;
  private final Iterator<Path> files;
  /** Positions are given relative to this (an upload's own folder), so they never name a server path; null: as given. */
  private final @Nullable Path root;
  private Iterator<RawRecord> current = java.util.Collections.emptyIterator();
  private @Nullable AutoCloseable open;

  private RecordSource(IngestKind kind, List<Path> files, @Nullable Path root) {
    this.kind = kind;
    this.files = files.iterator();
    this.root = root;
  }

  /** Records of the given kind from files and directories, in a stable (sorted) order. */
  public static RecordSource open(IngestKind kind, List<Path> paths) {
    return open(kind, paths, null);
  }

  /** The same, with positions relative to {@code root} (an upload's folder). */
  public static RecordSource open(IngestKind kind, List<Path> paths, @Nullable Path root) {
    List<Path> files = new ArrayList<>();
    for (Path p : paths) {
      if (!Files.exists(p)) {
        throw new IllegalArgumentException("No such file or directory: " + p);
      }
      if (Files.isDirectory(p)) {
        try (Stream<Path> walk = Files.walk(p)) {
          walk.filter(Files::isRegularFile)
              .filter(f -> !f.getFileName().toString().startsWith("."))
              .filter(f -> !(kind == IngestKind.CALL && isSidecar(f)))
              .sorted()
              .forEach(files::add);
        } catch (IOException e) {
          throw new UncheckedIOException("Cannot read directory " + p, e);
        }
      } else {
        files.add(p);
      }
    }
    return new RecordSource(kind, files, root);
  }

  /** How a file is named in positions and messages. */
  private String display(Path file) {
    return root != null && file.startsWith(root) ? root.relativize(file).toString() : file.toString();
  }

  /** A call's metadata file beside its transcript ({@code x.vtt} and {@code x.json}) is read with the transcript. */
  private static boolean isSidecar(Path f) {
    String name = f.getFileName().toString();
    return name.endsWith(".json") && Files.exists(f.resolveSibling(name.substring(0, name.length() - 5) + ".vtt"));
  }

  @Override
  public boolean hasNext() {
    while (!current.hasNext()) {
      closeCurrent();
      if (!files.hasNext()) {
        return false;
      }
      current = openFile(files.next());
    }
    return true;
  }

  @Override
  public RawRecord next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return current.next();
  }

  private Iterator<RawRecord> openFile(Path path) {
    String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
    String file = display(path);
    String source = kind.id() + ":" + path.getFileName();
    try {
      if (kind == IngestKind.EMAIL) {
        if (name.endsWith(".mbox") || startsWith(path, "From ")) {
          InputStream in = new BufferedInputStream(Files.newInputStream(path), 1 << 16);
          open = in;
          return new MboxIterator(in, source, file);
        }
        return List.of(new RawRecord(kind, "email:" + path.getParent().getFileName(), file, Files.readAllBytes(path), null)).iterator();
      }
      if ((name.endsWith(".csv") || name.endsWith(".jsonl") || name.endsWith(".ndjson")) && binaryFile(path)) {
        // Not text: one record of the whole file, which parsing quarantines saying it is binary.
        return List.of(new RawRecord(kind, source, file, Files.readAllBytes(path), null)).iterator();
      }
      if (name.endsWith(".csv")) {
        Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8);
        CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setAllowMissingColumnNames(true)
            .setIgnoreEmptyLines(true).setTrim(true).get().parse(reader);
        open = parser;
        String header = CSVFormat.DEFAULT.format(parser.getHeaderNames().toArray());
        Iterator<CSVRecord> rows = parser.iterator();
        return new Iterator<>() {
          public boolean hasNext() {
            return rows.hasNext();
          }

          public RawRecord next() {
            CSVRecord row = rows.next();
            String line = CSVFormat.DEFAULT.format(row.values());
            return new RawRecord(kind, source, file + ":" + row.getRecordNumber(), line.getBytes(StandardCharsets.UTF_8), header);
          }
        };
      }
      if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
        var reader = Files.newBufferedReader(path, StandardCharsets.UTF_8);
        open = reader;
        Iterator<String> lines = reader.lines().iterator();
        return new Iterator<>() {
          long n;
          String next;

          public boolean hasNext() {
            while (next == null && lines.hasNext()) {
              String l = lines.next();
              n++;
              if (!l.isBlank()) {
                next = l;
              }
            }
            return next != null;
          }

          public RawRecord next() {
            if (!hasNext()) {
              throw new NoSuchElementException();
            }
            String l = next;
            next = null;
            return new RawRecord(kind, source, file + ":" + n, l.getBytes(StandardCharsets.UTF_8), null);
          }
        };
      }
      if (name.endsWith(".json") && kind != IngestKind.CALL) {
        byte[] bytes = Files.readAllBytes(path);
        JsonNode root;
        try {
          root = JSON.readTree(bytes);
        } catch (RuntimeException e) {
          return List.of(new RawRecord(kind, source, file, bytes, null)).iterator();
        }
        List<RawRecord> out = new ArrayList<>();
        if (root.isArray()) {
          for (int i = 0; i < root.size(); i++) {
            out.add(new RawRecord(kind, source, file + "[" + i + "]", JSON.writeValueAsBytes(root.get(i)), null));
          }
        } else {
          out.add(new RawRecord(kind, source, file, bytes, null));
        }
        return out.iterator();
      }
      String metadata = null;
      if (kind == IngestKind.CALL && name.endsWith(".vtt")) {
        Path sidecar = path.resolveSibling(path.getFileName().toString().replaceFirst("(?i)\\.vtt$", ".json"));
        metadata = Files.exists(sidecar) ? Files.readString(sidecar) : null;
      }
      return List.of(new RawRecord(kind, source, file, Files.readAllBytes(path), metadata)).iterator();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
  }

  private static boolean binaryFile(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return Parsers.binary(in.readNBytes(8192));
    }
  }

  private static boolean startsWith(Path file, String prefix) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] head = in.readNBytes(prefix.length());
      return new String(head, StandardCharsets.ISO_8859_1).equals(prefix);
    }
  }

  private void closeCurrent() {
    if (open != null) {
      try {
        open.close();
      } catch (Exception e) {
        // Nothing more to read from it either way.
      }
      open = null;
    }
  }

  @Override
  public void close() {
    closeCurrent();
  }

  /**
   * Splits an mbox into messages at "From " lines that follow a blank line (or start the file), undoing mboxrd
   * quoting ("&gt;From " back to "From "). Reads bytes, so any charset passes through untouched.
   */
  private static final class MboxIterator implements Iterator<RawRecord> {
    private final InputStream in;
    private final String source;
    private final String file;
    private @Nullable byte[] pendingSeparator;
    private @Nullable RawRecord next;
    private int index;
    private long line;
    private long messageLine;
    private boolean eof;

    MboxIterator(InputStream in, String source, String file) {
      this.in = in;
      this.source = source;
      this.file = file;
    }

    @Override
    public boolean hasNext() {
      if (next == null && !eof) {
        next = read();
      }
      return next != null;
    }

    @Override
    public RawRecord next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      RawRecord r = next;
      next = null;
      return r;
    }

    private @Nullable RawRecord read() {
      try {
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        boolean started = pendingSeparator != null;
        boolean previousBlank = true;
        pendingSeparator = null;
        while (true) {
          byte[] l = readLine();
          if (l == null) {
            eof = true;
            break;
          }
          line++;
          String s = new String(l, StandardCharsets.ISO_8859_1);
          if (s.startsWith("From ") && previousBlank) {
            if (started) {
              pendingSeparator = l;
              messageLine = line;
              break;
            }
            started = true;
            messageLine = line;
            previousBlank = false;
            continue;
          }
          if (!started) {
            previousBlank = s.isBlank();
            if (!s.isBlank()) {
              started = true; // an mbox without a leading separator: keep the text, do not drop it
              messageLine = line;
              message.write(l);
            }
            continue;
          }
          if (s.matches("^>+From .*")) {
            l = java.util.Arrays.copyOfRange(l, 1, l.length);
          }
          message.write(l);
          previousBlank = s.strip().isEmpty();
        }
        if (!started || message.size() == 0) {
          return null;
        }
        index++;
        return new RawRecord(IngestKind.EMAIL, source, file + " message " + index + " (line " + messageLine + ")", message.toByteArray(), null);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read mbox " + file, e);
      }
    }

    /** One line including its line break, or null at the end. */
    private byte @Nullable [] readLine() throws IOException {
      ByteArrayOutputStream b = new ByteArrayOutputStream(128);
      int c;
      while ((c = in.read()) != -1) {
        b.write(c);
        if (c == '\n') {
          break;
        }
      }
      return b.size() == 0 ? null : b.toByteArray();
    }
  }
}
