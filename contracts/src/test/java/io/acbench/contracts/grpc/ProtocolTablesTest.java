package io.acbench.contracts.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProtocolTablesTest {

  @Test
  void rowsOfAllThreeTableShapesBecomeFieldRows() {
    ProtocolTables tables =
        ProtocolTables.of(
            List.of(
                "### 1.3 Messages",
                "| Message | Field | # | Type | Meaning |",
                "|---|---|---|---|---|",
                "| A | x | 1 | repeated string (note) | |",
                "| | y | 2 | map<string, B> | |",
                "| E | — | | | empty |",
                "**C** — oneof `choice`:",
                "",
                "| Field | # | Type |",
                "|---|---|---|",
                "| z | 3 | bool |",
                "",
                "| Message | Fields (name # type) |",
                "|---|---|",
                "| D | u 4 enum(P 0, Q 1); v 5 |",
                "",
                "### 1.11 Outside the contract range",
                "| Anything | at all |",
                "|---|---|",
                "| is | ignored |"));

    assertThat(tables.fields)
        .extracting(r -> r.message() + "." + r.field() + "=" + r.number() + ":" + r.type())
        .containsExactly(
            "A.x=1:repeated string",
            "A.y=2:map<string, B>",
            "C.z=3:bool",
            "D.u=4:enum(P 0, Q 1)",
            "D.v=5:");
    assertThat(tables.fields.get(2).oneof()).isEqualTo("choice");
    assertThat(tables.emptyMessages)
        .extracting(ProtocolTables.EmptyMessageRow::message)
        .containsExactly("E");
  }

  @Test
  void rowItCannotInterpretFailsWithTheRowText() {
    List<String> doc =
        List.of(
            "### 1.6 Messages",
            "| Message | Field | # | Type |",
            "|---|---|---|---|",
            "| A | x | one | string |");

    assertThatThrownBy(() -> ProtocolTables.of(doc))
        .hasMessageContaining("| A | x | one | string |");
  }

  @Test
  void unknownTableHeaderInsideTheContractSectionsFails() {
    List<String> doc = List.of("### 1.8 Messages", "| Name | Number |", "|---|---|", "| a | 1 |");

    assertThatThrownBy(() -> ProtocolTables.of(doc)).hasMessageContaining("unknown table header");
  }
}
