package io.customergraph.ingest;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.compress.archivers.ArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Unpacks an uploaded archive (zip, tar, tar.gz) into a directory so it is walked like any folder of files. Hostile
 * archives are refused as a whole, before anything is imported: an entry whose path leaves the directory, more
 * entries or more unpacked bytes than allowed (a "zip bomb"). Directories and links are not records and are passed
 * over.
 */
final class Archives {

  /** What unpacking found. */
  record Unpacked(int files, long bytes, int skipped) {}

  private Archives() {}

  static Unpacked unpack(Path archive, UploadFormat format, Path into, long maxBytes, int maxEntries) throws IOException {
    Files.createDirectories(into);
    Limits limits = new Limits(into.toAbsolutePath().normalize(), maxBytes, maxEntries);
    switch (format) {
      case ZIP -> {
        try (ZipFile zip = ZipFile.builder().setPath(archive).get()) {
          for (ZipArchiveEntry e : java.util.Collections.list(zip.getEntriesInPhysicalOrder())) {
            if (e.isDirectory() || e.isUnixSymlink()) {
              limits.skip(e);
              continue;
            }
            try (InputStream in = zip.getInputStream(e)) {
              limits.write(e, in);
            }
          }
        }
      }
      case TAR, TAR_GZ -> {
        InputStream raw = new BufferedInputStream(Files.newInputStream(archive), 1 << 16);
        try (InputStream decoded = format == UploadFormat.TAR_GZ ? new GzipCompressorInputStream(raw) : raw;
            TarArchiveInputStream tar = new TarArchiveInputStream(decoded)) {
          for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
            if (!e.isFile()) {
              limits.skip(e);
              continue;
            }
            limits.write(e, tar);
          }
        }
      }
      default -> throw new IllegalArgumentException(format + " is not an archive");
    }
    return new Unpacked(limits.files, limits.bytes, limits.skipped);
  }

  /** Counts what is unpacked and stops at the first entry that breaks a limit. */
  private static final class Limits {
    private final Path root;
    private final long maxBytes;
    private final int maxEntries;
    int files;
    int skipped;
    long bytes;

    Limits(Path root, long maxBytes, int maxEntries) {
      this.root = root;
      this.maxBytes = maxBytes;
      this.maxEntries = maxEntries;
    }

    void skip(ArchiveEntry e) throws IOException {
      target(e); // a link or folder that points outside is as hostile as a file that does
      skipped++;
    }

    void write(ArchiveEntry e, InputStream in) throws IOException {
      if (++files > maxEntries) {
        throw new IOException("the archive holds more than " + maxEntries + " files (customer-graph.ingest.max-archive-entries)");
      }
      Path target = target(e);
      Files.createDirectories(target.getParent());
      byte[] buffer = new byte[1 << 16];
      try (OutputStream out = Files.newOutputStream(target)) {
        for (int n; (n = in.read(buffer)) > 0; ) {
          bytes += n;
          if (bytes > maxBytes) {
            throw new IOException("the archive unpacks to more than " + maxBytes + " bytes (customer-graph.ingest.max-unpacked-size)");
          }
          out.write(buffer, 0, n);
        }
      }
    }

    private Path target(ArchiveEntry e) throws IOException {
      Path target = root.resolve(e.getName()).normalize();
      if (!target.startsWith(root) || target.equals(root) && !e.isDirectory()) {
        throw new IOException("the archive entry '" + e.getName() + "' points outside the archive");
      }
      return target;
    }
  }
}
