package io.acbench.contracts.grpc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the message and RPC tables of kserve-v2-protocol.md §1.2–§1.10 into rows.
 *
 * <p>Strict on purpose: a table header or row it does not recognise throws with the row text, so
 * that an edit of the document cannot silently drop rows from the contract check. Only rows whose
 * field cell is "—" (empty messages) are prose.
 */
final class ProtocolTables {

  static final String DOC = "kserve-v2-protocol.md";

  /** One field as a table states it; {@code type} is empty where the table gives none. */
  record FieldRow(
      String section,
      String message,
      String oneof,
      String field,
      int number,
      String type,
      String row) {}

  /** A message the table marks as having no fields. */
  record EmptyMessageRow(String section, String message, String row) {}

  /** One RPC; {@code index} is the 1-based position in the service, or 0 for the "—" rows. */
  record RpcRow(
      int index,
      String rpc,
      String request,
      String response,
      boolean clientStreaming,
      boolean serverStreaming,
      String row) {}

  /** A prose line "Name enum: A 0, B 1, …". */
  record EnumLine(String section, String name, String values, String row) {}

  private static final String DASH = "—";
  private static final Pattern SECTION = Pattern.compile("^#{2,3} (\\d+)\\.(\\d+)?\\s.*");
  private static final Pattern BOLD_HEADING =
      Pattern.compile("^\\*\\*([\\w.]+)\\*\\*(?: — oneof `(\\w+)`)?.*");
  private static final Pattern TOP_LEVEL_HEADING = Pattern.compile("^([\\w.]+) top-level fields:$");
  private static final Pattern ENUM_LINE = Pattern.compile("^(\\w+) enum: (.+)\\.$");
  private static final Pattern MESSAGE_CELL =
      Pattern.compile("^([\\w.]+)(?: \\(oneof (\\w+)\\))?$");
  private static final Pattern COMPACT_ENTRY = Pattern.compile("^(\\w+) (\\d+)(?: (.+))?$");
  private static final Pattern NOTES_ONEOF = Pattern.compile("^oneof (\\w+)$");
  private static final Pattern RPC_TYPES =
      Pattern.compile("^(stream )?(\\w+) → (stream )?(…?\\w+)$");
  private static final Pattern TRAILING_NOTE = Pattern.compile("^(.+?) \\(.*\\)$");

  final List<FieldRow> fields = new ArrayList<>();
  final List<EmptyMessageRow> emptyMessages = new ArrayList<>();
  final List<RpcRow> rpcs = new ArrayList<>();
  final List<EnumLine> enums = new ArrayList<>();

  private String section;
  private String heading;
  private String headingOneof;

  static Path locate() {
    List<Path> tried = new ArrayList<>();
    for (Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        dir != null;
        dir = dir.getParent()) {
      Path candidate = dir.resolve("../shared/docs/" + DOC).normalize();
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
      tried.add(candidate);
    }
    throw new IllegalStateException(
        DOC
            + " not found: the contract test needs the shared/ folder beside the repository."
            + " Tried "
            + tried);
  }

  static ProtocolTables read(Path doc) throws IOException {
    return of(Files.readAllLines(doc));
  }

  static ProtocolTables of(List<String> lines) {
    ProtocolTables tables = new ProtocolTables();
    tables.parse(lines);
    return tables;
  }

  private void parse(List<String> lines) {
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      Matcher s = SECTION.matcher(line);
      if (s.matches()) {
        boolean inRange =
            s.group(2) != null
                && s.group(1).equals("1")
                && Integer.parseInt(s.group(2)) >= 2
                && Integer.parseInt(s.group(2)) <= 10;
        section = inRange ? "1." + s.group(2) : null;
        heading = null;
        continue;
      }
      if (section == null || line.isEmpty()) {
        continue;
      }
      if (line.startsWith("|")) {
        i = table(lines, i);
      } else {
        prose(line);
      }
    }
  }

  private void prose(String line) {
    heading = null;
    headingOneof = null;
    Matcher bold = BOLD_HEADING.matcher(line);
    Matcher top = TOP_LEVEL_HEADING.matcher(line);
    Matcher enumLine = ENUM_LINE.matcher(line);
    if (bold.matches()) {
      heading = bold.group(1);
      headingOneof = bold.group(2);
    } else if (top.matches()) {
      heading = top.group(1);
    } else if (enumLine.matches()) {
      enums.add(new EnumLine(section, enumLine.group(1), enumLine.group(2), line));
    }
  }

  /** Parses the table starting at {@code start}; returns the index of its last row. */
  private int table(List<String> lines, int start) {
    List<String> header = cells(lines.get(start));
    if (start + 1 >= lines.size() || !lines.get(start + 1).strip().startsWith("|---")) {
      throw new IllegalStateException("table without separator row: " + lines.get(start));
    }
    int i = start + 2;
    String message = null;
    String oneof = null;
    for (; i < lines.size() && lines.get(i).strip().startsWith("|"); i++) {
      String row = lines.get(i).strip();
      List<String> c = cells(row);
      if (startsWith(header, "# in service", "RPC", "request → response")) {
        rpc(c, row);
      } else if (startsWith(header, "Message", "Field", "#", "Type")) {
        if (!c.get(0).isEmpty()) {
          Matcher m = matchOrFail(MESSAGE_CELL, c.get(0), row);
          message = m.group(1);
          oneof = m.group(2);
        }
        require(message != null, "continuation row without a message above", row);
        require(c.size() >= 4, "row has fewer than 4 cells", row);
        if (c.get(2).isEmpty() && c.get(3).isEmpty()) {
          compact(message, oneof, c.get(1), row);
        } else {
          int number = number(c.get(2), row);
          fields.add(new FieldRow(section, message, oneof, c.get(1), number, type(c.get(3)), row));
        }
      } else if (startsWith(header, "Field", "#", "Type")) {
        require(heading != null, "field table without a **Message** heading above", row);
        require(c.size() >= 3, "row has fewer than 3 cells", row);
        String rowOneof = headingOneof;
        if (header.size() > 3 && header.get(3).equals("Notes") && c.size() > 3) {
          Matcher n = NOTES_ONEOF.matcher(c.get(3));
          rowOneof = n.matches() ? n.group(1) : rowOneof;
        }
        int number = number(c.get(1), row);
        fields.add(new FieldRow(section, heading, rowOneof, c.get(0), number, type(c.get(2)), row));
      } else if (startsWith(header, "Message", "Fields (name # type)")) {
        require(c.size() == 2, "expected 2 cells", row);
        Matcher m = matchOrFail(MESSAGE_CELL, c.get(0), row);
        compact(m.group(1), m.group(2), c.get(1), row);
      } else {
        throw new IllegalStateException("§" + section + ": unknown table header: " + header);
      }
    }
    heading = null;
    return i - 1;
  }

  private void rpc(List<String> c, String row) {
    require(c.size() >= 3, "RPC row has fewer than 3 cells", row);
    int index = c.get(0).equals(DASH) ? 0 : number(c.get(0), row);
    Matcher t = matchOrFail(RPC_TYPES, c.get(2), row);
    String request = t.group(2);
    String response = t.group(4);
    if (response.startsWith("…")) {
      require(request.endsWith("Request"), "'…' abbreviation needs a *Request name", row);
      response =
          request.substring(0, request.length() - "Request".length()) + response.substring(1);
    }
    rpcs.add(
        new RpcRow(
            index, c.get(1), request, response, t.group(1) != null, t.group(3) != null, row));
  }

  /** "name 1 string; key 2 string (note)" or "—"; also used for hand-written prose facts. */
  void compact(String message, String oneof, String fieldsCell, String row) {
    if (fieldsCell.equals(DASH)) {
      emptyMessages.add(new EmptyMessageRow(section, message, row));
      return;
    }
    for (String entry : splitTopLevel(fieldsCell, ';')) {
      Matcher e = matchOrFail(COMPACT_ENTRY, entry.strip(), row);
      String type = e.group(3) == null ? "" : type(e.group(3));
      fields.add(
          new FieldRow(
              section, message, oneof, e.group(1), Integer.parseInt(e.group(2)), type, row));
    }
  }

  void inSection(String section) {
    this.section = section;
  }

  /** Drops a trailing " (note)"; "enum(…)" has no space before its parenthesis and stays. */
  private static String type(String cell) {
    Matcher m = TRAILING_NOTE.matcher(cell.strip());
    return m.matches() ? m.group(1) : cell.strip();
  }

  static List<String> splitTopLevel(String text, char separator) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    int from = 0;
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      if (ch == '(' || ch == '{' || ch == '<') {
        depth++;
      } else if (ch == ')' || ch == '}' || ch == '>') {
        depth--;
      } else if (ch == separator && depth == 0) {
        parts.add(text.substring(from, i).strip());
        from = i + 1;
      }
    }
    parts.add(text.substring(from).strip());
    return parts;
  }

  /** "A 0, B 1" or "A = 0, B = 1" into name → number, in order. */
  static Map<String, Integer> enumValues(String list, String row) {
    Map<String, Integer> values = new LinkedHashMap<>();
    for (String entry : list.split(",")) {
      Matcher v = matchOrFail(Pattern.compile("^(\\w+)(?: =)? (\\d+)$"), entry.strip(), row);
      values.put(v.group(1), Integer.parseInt(v.group(2)));
    }
    return values;
  }

  private static List<String> cells(String line) {
    String inner = line.strip();
    inner = inner.substring(1, inner.endsWith("|") ? inner.length() - 1 : inner.length());
    List<String> cells = new ArrayList<>();
    for (String cell : inner.split("\\|", -1)) {
      cells.add(cell.strip());
    }
    return cells;
  }

  private static boolean startsWith(List<String> header, String... names) {
    return header.size() >= names.length && header.subList(0, names.length).equals(List.of(names));
  }

  private static int number(String cell, String row) {
    require(cell.matches("\\d+"), "expected a field number, got '" + cell + "'", row);
    return Integer.parseInt(cell);
  }

  private static Matcher matchOrFail(Pattern pattern, String text, String row) {
    Matcher m = pattern.matcher(text);
    require(m.matches(), "cannot interpret '" + text + "'", row);
    return m;
  }

  private static void require(boolean condition, String problem, String row) {
    if (!condition) {
      throw new IllegalStateException(problem + " in row: " + row);
    }
  }
}
