package io.customergraph.ingest;

import io.customergraph.graph.Values.Direction;
import io.customergraph.ingest.Facts.Person;
import io.customergraph.ingest.Facts.Turn;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.jsoup.parser.Parser;
import tools.jackson.databind.JsonNode;

/**
 * Calls: WebVTT transcripts (cue timings and settings, {@code <v Speaker>} voice tags, "&gt;&gt;" speaker changes,
 * character references) with optional metadata from a JSON file of the same name, or JSON transcripts with turns.
 * A transcript with a cue whose timing cannot be read, or that ends before it starts, is quarantined whole: its
 * turns could not be trusted.
 */
final class CallParser {

  private static final Pattern TIMING =
      Pattern.compile("^((?:\\d{2,}:)?\\d{2}:\\d{2}\\.\\d{3})\\s+-->\\s+((?:\\d{2,}:)?\\d{2}:\\d{2}\\.\\d{3})(\\s+.*)?$");
  private static final Pattern VOICE = Pattern.compile("<v(?:\\.[^\\s>]+)*\\s+([^>]+)>");
  private static final Pattern TAG = Pattern.compile("</?[a-z][^>]*>|<\\d{2}:[^>]+>");
  private static final Pattern SPEAKER_CHANGE = Pattern.compile("^\\s*>{2,}\\s*");

  private final IngestProperties properties;

  CallParser(IngestProperties properties) {
    this.properties = properties;
  }

  ParseResult parse(RawRecord raw) {
    String text = raw.text();
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    try {
      if (text.startsWith("WEBVTT")) {
        return vtt(raw, text);
      }
      if (text.stripLeading().startsWith("{")) {
        return json(raw, RecordSource.JSON.readTree(text));
      }
    } catch (Row.Unreadable e) {
      return ParseResult.failed(e.getMessage());
    } catch (RuntimeException e) {
      return ParseResult.failed("unreadable transcript: " + e.getMessage());
    }
    return ParseResult.failed("not a WebVTT file (its first line must be WEBVTT) nor a JSON transcript");
  }

  private ParseResult vtt(RawRecord raw, String text) {
    String[] lines = text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
    List<Turn> turns = new ArrayList<>();
    String speaker = null;
    StringBuilder turnText = new StringBuilder();
    double turnStart = 0;
    double turnEnd = 0;
    double lastEnd = 0;
    int cue = 0;
    int i = 1;
    while (i < lines.length) {
      String line = lines[i].strip();
      if (line.isEmpty()) {
        i++;
        continue;
      }
      if (line.startsWith("NOTE") || line.startsWith("STYLE") || line.startsWith("REGION")) {
        while (i < lines.length && !lines[i].isBlank()) {
          i++;
        }
        continue;
      }
      if (!line.contains("-->") && i + 1 < lines.length && lines[i + 1].contains("-->")) {
        i++; // cue identifier
        line = lines[i].strip();
      }
      if (!line.contains("-->")) {
        throw new Row.Unreadable("line " + (i + 1) + ": expected a cue timing 'start --> end', got '" + abbreviate(line) + "'");
      }
      Matcher m = TIMING.matcher(line);
      cue++;
      if (!m.matches()) {
        throw new Row.Unreadable("cue " + cue + " at line " + (i + 1) + ": unreadable timing '" + abbreviate(line) + "' (expected hh:mm:ss.mmm --> hh:mm:ss.mmm)");
      }
      double start = seconds(m.group(1));
      double end = seconds(m.group(2));
      if (end < start) {
        throw new Row.Unreadable("cue " + cue + " at line " + (i + 1) + ": ends (" + m.group(2) + ") before it starts (" + m.group(1) + ")");
      }
      i++;
      StringBuilder payload = new StringBuilder();
      while (i < lines.length && !lines[i].isBlank()) {
        payload.append(payload.length() == 0 ? "" : " ").append(lines[i].strip());
        i++;
      }
      String cueText = payload.toString();
      String cueSpeaker = speaker;
      boolean change = false;
      Matcher voice = VOICE.matcher(cueText);
      if (voice.find()) {
        cueSpeaker = voice.group(1).strip();
        change = !cueSpeaker.equals(speaker);
      }
      String plain = Parser.unescapeEntities(TAG.matcher(cueText).replaceAll(""), false).replace('\u00A0', ' ').strip();
      Matcher changeMark = SPEAKER_CHANGE.matcher(plain);
      if (changeMark.find()) {
        plain = plain.substring(changeMark.end());
        change = true;
        if (!voice.find(0)) {
          cueSpeaker = null;
        }
      }
      if (change && turnText.length() > 0) {
        turns.add(new Turn(speaker, turnStart, turnEnd, turnText.toString().strip()));
        turnText.setLength(0);
      }
      if (turnText.length() == 0) {
        turnStart = start;
      }
      speaker = cueSpeaker;
      if (!plain.isEmpty()) {
        turnText.append(plain).append(' ');
      }
      turnEnd = end;
      lastEnd = Math.max(lastEnd, end);
    }
    if (turnText.length() > 0) {
      turns.add(new Turn(speaker, turnStart, turnEnd, turnText.toString().strip()));
    }
    if (cue == 0) {
      throw new Row.Unreadable("WebVTT file has no cues");
    }
    JsonNode meta = raw.metadata() == null ? null : RecordSource.JSON.readTree(raw.metadata());
    return call(raw, meta, turns, lastEnd);
  }

  private ParseResult json(RawRecord raw, JsonNode root) {
    JsonNode items = root.has("turns") ? root.get("turns") : root.get("segments");
    if (items == null || !items.isArray()) {
      throw new Row.Unreadable("JSON transcript has no 'turns' (or 'segments') array");
    }
    List<Turn> turns = new ArrayList<>();
    double lastEnd = 0;
    int n = 0;
    for (JsonNode t : items) {
      n++;
      String text = t.has("text") ? t.get("text").asString() : null;
      if (text == null) {
        throw new Row.Unreadable("turn " + n + " has no text");
      }
      double start = t.has("start") ? t.get("start").asDouble() : lastEnd;
      double end = t.has("end") ? t.get("end").asDouble() : start;
      if (end < start) {
        throw new Row.Unreadable("turn " + n + " ends (" + end + " s) before it starts (" + start + " s)");
      }
      turns.add(new Turn(t.has("speaker") ? t.get("speaker").asString() : null, start, end, text.strip()));
      lastEnd = Math.max(lastEnd, end);
    }
    return call(raw, root, turns, lastEnd);
  }

  private ParseResult call(RawRecord raw, @Nullable JsonNode meta, List<Turn> turns, double lastEnd) {
    String started = str(meta, "startedAt", "start");
    OffsetDateTime at = started == null ? null : Row.parseTime("call start", started);
    List<Person> participants = new ArrayList<>();
    if (meta != null && meta.has("participants")) {
      for (JsonNode p : meta.get("participants")) {
        String email = Normalize.email(str(p, "email"));
        String name = str(p, "name");
        String domain = Normalize.companyDomain(email);
        if (email != null || name != null) {
          participants.add(new Person(name, email, null, str(p, "title"), domain == null ? null : new Facts.Company(null, domain, null)));
        }
      }
    }
    String title = str(meta, "title");
    if (title == null) {
      String file = raw.position().replaceAll(".*/", "");
      title = "Call " + file;
    }
    String direction = str(meta, "direction");
    Integer duration = meta != null && meta.has("durationSeconds") ? meta.get("durationSeconds").asInt() : null;
    String id = str(meta, "id");
    String key = id != null ? "id:" + id : "sha:" + raw.contentHash();
    // Without a start time in the metadata the call is placed at the Unix epoch and flagged, never at "now":
    // the same file must give the same graph whenever it is imported.
    Facts.Call call = new Facts.Call(
        key, title, at == null ? OffsetDateTime.ofInstant(java.time.Instant.EPOCH, ZoneOffset.UTC) : at,
        duration != null ? duration : (int) Math.round(lastEnd),
        direction == null ? Direction.OUTBOUND : Direction.valueOf(direction.toUpperCase(Locale.ROOT)),
        participants, turns);
    return ParseResult.parsed(key, call);
  }

  private static @Nullable String str(@Nullable JsonNode node, String... names) {
    if (node == null) {
      return null;
    }
    for (String n : names) {
      if (node.has(n) && !node.get(n).isNull()) {
        return node.get(n).asString();
      }
    }
    return null;
  }

  static double seconds(String t) {
    String[] parts = t.split(":");
    double s = 0;
    for (String p : parts) {
      s = s * 60 + Double.parseDouble(p);
    }
    return s;
  }

  private static String abbreviate(String s) {
    return s.length() > 60 ? s.substring(0, 60) + "…" : s;
  }
}
