package io.acbench.contracts.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Descriptors.GenericDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import io.acbench.contracts.grpc.health.HealthProto;
import io.acbench.contracts.grpc.inference.GrpcService;
import io.acbench.contracts.grpc.inference.ModelConfigProto;
import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Checks the compiled .proto files against the tables of kserve-v2-protocol.md §1.2–§1.10: every
 * field's name, number, cardinality and type, every RPC's types and streaming flags, and that the
 * protos declare nothing the document does not state.
 */
class ProtoContractTest {

  /** Fields the tables of §1.3–§1.10 hold today (212); a parser that matches little fails. */
  private static final int MIN_TABLE_FIELDS = 200;

  /**
   * Facts §1.9 and §1.10 give in a type note or a Notes column rather than in a row of their own,
   * written out in the compact "name # type" form of §1.8.
   */
  private static final List<String[]> PROSE_ROWS =
      List.of(
          new String[] {"1.9", "TraceSettingRequest.SettingValue", "value 1 repeated string"},
          new String[] {"1.9", "TraceSettingResponse.SettingValue", "value 1 repeated string"},
          new String[] {
            "1.9",
            "LogSettingsResponse.SettingValue (oneof parameter_choice)",
            "bool_param 1 bool; uint32_param 2 uint32; string_param 3 string"
          },
          new String[] {
            "1.10",
            "ModelVersionPolicy",
            "latest 1 Latest{num_versions 1 uint32}; all 2 All; specific 3 Specific{versions 1"
                + " repeated int64}"
          },
          new String[] {"1.10", "ModelParameter", "string_value 1 string"},
          new String[] {"1.10", "ModelTransactionPolicy", "decoupled 1 bool"},
          new String[] {"1.10", "ModelResponseCache", "enable 1 bool"});

  private static final String PROSE = "prose: ";

  private static final Map<String, FieldDescriptor.Type> SCALARS =
      Map.ofEntries(
          Map.entry("double", FieldDescriptor.Type.DOUBLE),
          Map.entry("float", FieldDescriptor.Type.FLOAT),
          Map.entry("int32", FieldDescriptor.Type.INT32),
          Map.entry("int64", FieldDescriptor.Type.INT64),
          Map.entry("uint32", FieldDescriptor.Type.UINT32),
          Map.entry("uint64", FieldDescriptor.Type.UINT64),
          Map.entry("bool", FieldDescriptor.Type.BOOL),
          Map.entry("string", FieldDescriptor.Type.STRING),
          Map.entry("bytes", FieldDescriptor.Type.BYTES));

  private static final Pattern MAP = Pattern.compile("^map<\\s*(\\w+)\\s*,\\s*([\\w.]+)\\s*>$");
  private static final Pattern ANONYMOUS_ENUM = Pattern.compile("^enum\\((.+)\\)$");
  private static final Pattern NAMED_ENUM = Pattern.compile("^enum (\\w+): (.+)$");
  private static final Pattern INLINE_MESSAGE = Pattern.compile("^([\\w.]+)\\{(.+)\\}$");
  private static final Pattern NAME = Pattern.compile("^[\\w.]+$");

  private static final List<FileDescriptor> FILES =
      List.of(
          GrpcService.getDescriptor(),
          ModelConfigProto.getDescriptor(),
          HealthProto.getDescriptor());

  private static ProtocolTables tables;
  private static final Map<String, GenericDescriptor> byFullName = new HashMap<>();

  @BeforeAll
  static void readDocumentAndIndexDescriptors() throws IOException {
    tables = ProtocolTables.read(ProtocolTables.locate());
    for (String[] prose : PROSE_ROWS) {
      tables.inSection(prose[0]);
      tables.compact(
          prose[1].replaceFirst(" \\(.*", ""),
          oneofOf(prose[1]),
          prose[2],
          PROSE + prose[1] + " | " + prose[2]);
    }
    for (FileDescriptor file : FILES) {
      file.getMessageTypes().forEach(ProtoContractTest::index);
      file.getEnumTypes().forEach(e -> byFullName.put(e.getFullName(), e));
    }
  }

  private static String oneofOf(String messageCell) {
    Matcher m = Pattern.compile("\\(oneof (\\w+)\\)").matcher(messageCell);
    return m.find() ? m.group(1) : null;
  }

  private static void index(Descriptor message) {
    byFullName.put(message.getFullName(), message);
    message.getNestedTypes().forEach(ProtoContractTest::index);
    message.getEnumTypes().forEach(e -> byFullName.put(e.getFullName(), e));
  }

  @Test
  void serviceNamesAreTheWireNames() {
    ServiceDescriptor inference =
        GrpcService.getDescriptor().findServiceByName("GRPCInferenceService");
    assertThat(inference).isNotNull();
    assertThat(inference.getFullName()).isEqualTo("inference.GRPCInferenceService");
    ServiceDescriptor health = HealthProto.getDescriptor().findServiceByName("Health");
    assertThat(health).isNotNull();
    assertThat(health.getFullName()).isEqualTo("grpc.health.v1.Health");
    MethodDescriptor watch = health.findMethodByName("Watch");
    assertThat(watch).as("standard health proto has Watch").isNotNull();
    assertThat(watch.isServerStreaming()).isTrue();
    assertThat(watch.isClientStreaming()).isFalse();
    assertThat(GrpcService.getDescriptor().getDependencies())
        .containsExactly(ModelConfigProto.getDescriptor());
  }

  @Test
  void everyRpcOfTheTableHasItsPositionTypesAndStreaming() {
    ServiceDescriptor service =
        GrpcService.getDescriptor().findServiceByName("GRPCInferenceService");
    List<ProtocolTables.RpcRow> numbered = tables.rpcs.stream().filter(r -> r.index() > 0).toList();
    assertThat(numbered).as("numbered RPC rows in §1.2").hasSize(20);
    assertThat(service.getMethods()).hasSameSizeAs(numbered);
    for (ProtocolTables.RpcRow row : tables.rpcs) {
      MethodDescriptor method;
      if (row.index() > 0) {
        method = service.getMethods().get(row.index() - 1);
        assertThat(method.getName()).as(row.row()).isEqualTo(row.rpc());
      } else {
        int slash = row.rpc().lastIndexOf('/');
        ServiceDescriptor other = service(row.rpc().substring(0, slash), row.row());
        method = other.findMethodByName(row.rpc().substring(slash + 1));
        assertThat(method).as(row.row()).isNotNull();
      }
      String pkg = method.getFile().getPackage() + ".";
      assertThat(method.getInputType().getFullName()).as(row.row()).isEqualTo(pkg + row.request());
      assertThat(method.getOutputType().getFullName())
          .as(row.row())
          .isEqualTo(pkg + row.response());
      assertThat(method.isClientStreaming()).as(row.row()).isEqualTo(row.clientStreaming());
      assertThat(method.isServerStreaming()).as(row.row()).isEqualTo(row.serverStreaming());
    }
    assertThat(tables.rpcs).as("§1.2 also lists Health/Check").hasSize(21);
  }

  @Test
  void everyTableFieldHasItsNumberAndType() {
    Map<String, Integer> perSection = new TreeMap<>();
    Set<String> checked = checkAllFieldRows();
    for (ProtocolTables.FieldRow row : tables.fields) {
      if (!row.row().startsWith(PROSE)) {
        perSection.merge(row.section(), 1, Integer::sum);
      }
    }
    assertThat(perSection.keySet())
        .as("every section with message tables contributes fields")
        .containsExactly("1.10", "1.3", "1.4", "1.5", "1.6", "1.7", "1.8", "1.9");
    int fromTables = perSection.values().stream().mapToInt(Integer::intValue).sum();
    assertThat(fromTables)
        .as("fields read from the tables")
        .isGreaterThanOrEqualTo(MIN_TABLE_FIELDS);
    assertThat(checked).hasSizeGreaterThanOrEqualTo(fromTables);
  }

  /**
   * Checks every row; returns the full names of the fields checked, nested inline ones included.
   */
  private static Set<String> checkAllFieldRows() {
    Set<String> checked = new HashSet<>();
    for (ProtocolTables.FieldRow row : tables.fields) {
      Descriptor message = message(row.message(), row.row());
      FieldDescriptor field = message.findFieldByName(row.field());
      assertThat(field)
          .as("%s.%s in row %s", message.getFullName(), row.field(), row.row())
          .isNotNull();
      assertThat(field.getNumber()).as(row.row()).isEqualTo(row.number());
      if (row.oneof() != null) {
        assertThat(field.getRealContainingOneof()).as("oneof of " + row.row()).isNotNull();
        assertThat(field.getRealContainingOneof().getName()).as(row.row()).isEqualTo(row.oneof());
      }
      checkType(field, row.type(), row.row(), checked);
      checked.add(field.getFullName());
    }
    return checked;
  }

  @Test
  void messagesTheTablesMarkEmptyHaveNoFields() {
    assertThat(tables.emptyMessages).hasSizeGreaterThanOrEqualTo(9);
    for (ProtocolTables.EmptyMessageRow row : tables.emptyMessages) {
      assertThat(message(row.message(), row.row()).getFields()).as(row.row()).isEmpty();
    }
  }

  @Test
  void enumsListedInProseHaveTheirValues() {
    assertThat(tables.enums).extracting(ProtocolTables.EnumLine::name).containsExactly("DataType");
    for (ProtocolTables.EnumLine line : tables.enums) {
      GenericDescriptor type = byFullName.get("inference." + line.name());
      assertThat(type).as(line.row()).isInstanceOf(EnumDescriptor.class);
      checkEnum((EnumDescriptor) type, line.values(), line.row());
    }
  }

  @Test
  void protosDeclareNoFieldTheDocumentDoesNotState() {
    Set<String> documented = checkAllFieldRows();
    List<String> undocumented =
        byFullName.values().stream()
            .filter(d -> d instanceof Descriptor m && !m.getOptions().getMapEntry())
            .flatMap(d -> ((Descriptor) d).getFields().stream())
            .map(FieldDescriptor::getFullName)
            .filter(name -> !documented.contains(name))
            .sorted()
            .toList();
    assertThat(undocumented).as("fields in the protos that no table or prose row states").isEmpty();
  }

  private static void checkType(
      FieldDescriptor field, String type, String row, Set<String> checked) {
    if (type.isEmpty()) {
      return; // §1.10 gives some fields (rate_limiter, secondary_devices) without a type.
    }
    Matcher map = MAP.matcher(type);
    if (map.matches()) {
      assertThat(field.isMapField()).as("map field: " + row).isTrue();
      Descriptor entry = field.getMessageType();
      checkBase(
          entry.findFieldByName("key"), map.group(1), field.getContainingType(), row, checked);
      checkBase(
          entry.findFieldByName("value"), map.group(2), field.getContainingType(), row, checked);
      return;
    }
    boolean repeated = type.startsWith("repeated ");
    assertThat(field.isMapField()).as("not a map: " + row).isFalse();
    assertThat(field.isRepeated()).as("repeated: " + row).isEqualTo(repeated);
    String base = repeated ? type.substring("repeated ".length()) : type;
    checkBase(field, base, field.getContainingType(), row, checked);
  }

  private static void checkBase(
      FieldDescriptor field, String base, Descriptor scope, String row, Set<String> checked) {
    Matcher anonymousEnum = ANONYMOUS_ENUM.matcher(base);
    Matcher namedEnum = NAMED_ENUM.matcher(base);
    Matcher inline = INLINE_MESSAGE.matcher(base);
    if (SCALARS.containsKey(base)) {
      assertThat(field.getType()).as(row).isEqualTo(SCALARS.get(base));
    } else if (anonymousEnum.matches()) {
      assertThat(field.getType()).as(row).isEqualTo(FieldDescriptor.Type.ENUM);
      checkEnum(field.getEnumType(), anonymousEnum.group(1), row);
    } else if (namedEnum.matches()) {
      assertThat(field.getType()).as(row).isEqualTo(FieldDescriptor.Type.ENUM);
      assertThat(field.getEnumType()).as(row).isSameAs(resolve(namedEnum.group(1), scope, row));
      checkEnum(field.getEnumType(), namedEnum.group(2), row);
    } else if (inline.matches()) {
      assertThat(field.getType()).as(row).isEqualTo(FieldDescriptor.Type.MESSAGE);
      Descriptor type = field.getMessageType();
      assertThat(type).as(row).isSameAs(resolve(inline.group(1), scope, row));
      for (String entry : ProtocolTables.splitTopLevel(inline.group(2), ';')) {
        String[] parts = entry.split(" ", 3);
        FieldDescriptor inner = type.findFieldByName(parts[0]);
        assertThat(inner).as(entry + " in " + row).isNotNull();
        assertThat(inner.getNumber()).as(row).isEqualTo(Integer.parseInt(parts[1]));
        checkType(inner, parts.length > 2 ? parts[2] : "", row, checked);
        checked.add(inner.getFullName());
      }
    } else if (NAME.matcher(base).matches()) {
      GenericDescriptor expected = resolve(base, scope, row);
      GenericDescriptor actual =
          field.getType() == FieldDescriptor.Type.MESSAGE
              ? field.getMessageType()
              : field.getType() == FieldDescriptor.Type.ENUM ? field.getEnumType() : null;
      assertThat(actual).as(row).isSameAs(expected);
    } else {
      fail("cannot interpret type '%s' in row: %s", base, row);
    }
  }

  private static void checkEnum(EnumDescriptor type, String valueList, String row) {
    Map<String, Integer> expected = ProtocolTables.enumValues(valueList, row);
    assertThat(type.getValues()).as(row).hasSameSizeAs(expected.values());
    expected.forEach(
        (name, number) -> {
          EnumValueDescriptor value = type.findValueByNumber(number);
          assertThat(value).as(name + " in " + row).isNotNull();
          // Proto enum values share the file scope, so a table's short "NHWC" may be FORMAT_NHWC.
          assertThat(value.getName().equals(name) || value.getName().endsWith("_" + name))
              .as("%s = %d is %s in row %s", name, number, value.getName(), row)
              .isTrue();
        });
  }

  /** Protobuf name resolution: innermost scope first, then outwards to the package. */
  private static GenericDescriptor resolve(String name, Descriptor scope, String row) {
    if (byFullName.containsKey(name)) {
      return byFullName.get(name);
    }
    String pkg = scope.getFile().getPackage();
    for (String s = scope.getFullName(); ; s = s.substring(0, s.lastIndexOf('.'))) {
      GenericDescriptor found = byFullName.get(s + "." + name);
      if (found != null) {
        return found;
      }
      if (s.equals(pkg)) {
        return fail("type '%s' not found from %s in row: %s", name, scope.getFullName(), row);
      }
    }
  }

  private static Descriptor message(String name, String row) {
    List<GenericDescriptor> found =
        FILES.stream()
            .map(f -> byFullName.get(f.getPackage() + "." + name))
            .filter(d -> d instanceof Descriptor)
            .distinct()
            .toList();
    assertThat(found).as("message %s of row %s", name, row).hasSize(1);
    return (Descriptor) found.getFirst();
  }

  private static ServiceDescriptor service(String fullName, String row) {
    return FILES.stream()
        .flatMap(f -> f.getServices().stream())
        .filter(s -> s.getFullName().equals(fullName))
        .findFirst()
        .orElseGet(() -> fail("service %s of row %s not found", fullName, row));
  }
}
