package io.acbench.tasksuite.dataset;

import static io.acbench.tasksuite.dataset.BuiltinDatasetGenerator.obj;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * WorfBench-format records for the scenarios os, alfworld and webshop (36 each). Workflows are
 * built from fixed word lists by index arithmetic: linear chains, fan-in graphs (two independent
 * first steps) and, in alfworld, long chains of 11 nodes with START and END (the B2 case).
 */
final class WorfbenchGenerator {

  static final int PER_SCENARIO = 36;

  private WorfbenchGenerator() {}

  static Map<String, List<Map<String, Object>>> all() {
    Map<String, List<Map<String, Object>>> m = new LinkedHashMap<>();
    m.put("os", scenario("os", WorfbenchGenerator::os, OS_SYSTEM, "bash, answer"));
    m.put(
        "alfworld",
        scenario(
            "alfworld",
            WorfbenchGenerator::alfworld,
            ALF_SYSTEM,
            "go to, take, put, open, close, clean, heat, cool"));
    m.put(
        "webshop", scenario("webshop", WorfbenchGenerator::webshop, SHOP_SYSTEM, "search, click"));
    return m;
  }

  private static final String FORMAT =
      " Keep your output in format:\nNode:\n1: {subtask_1}\n2: {subtask_2}\n...\n"
          + "Edge: (START,1) (1,2) ... (n,END)";
  private static final String OS_SYSTEM =
      "You plan work on a Linux machine. Split the user's problem into subtasks, each solvable"
          + " with one action, and connect them into a workflow graph whose edges say which"
          + " subtask must finish before another starts."
          + FORMAT;
  private static final String ALF_SYSTEM =
      "You plan the steps of a household robot. Split the task into subtasks, each one action,"
          + " and connect them into a workflow graph."
          + FORMAT;
  private static final String SHOP_SYSTEM =
      "You plan how to buy a product on a shopping website. Split the instruction into"
          + " subtasks, each one action, and connect them into a workflow graph."
          + FORMAT;

  /** A task text and its workflow: node texts and edges (0 = START, n + 1 = END). */
  record Flow(String task, List<String> nodes, List<int[]> edges) {}

  interface Maker {
    Flow make(int i);
  }

  private static List<Map<String, Object>> scenario(
      String name, Maker maker, String system, String actions) {
    List<Map<String, Object>> records = new ArrayList<>();
    for (int i = 0; i < PER_SCENARIO; i++) {
      Flow f = maker.make(i);
      String user =
          "My problem is: " + f.task() + ". The action list you can take: " + actions + ".";
      records.add(
          obj(
              "source",
              name,
              "id",
              name + "_" + (i + 1),
              "category",
              "eval",
              "target",
              "graph",
              "conversations",
              List.of(
                  obj("role", "system", "content", system),
                  obj("role", "user", "content", user),
                  obj("role", "assistant", "content", workflow(f)))));
    }
    return records;
  }

  static String workflow(Flow f) {
    StringBuilder sb = new StringBuilder("Node:\n");
    for (int i = 0; i < f.nodes().size(); i++) {
      sb.append(i + 1).append(": ").append(f.nodes().get(i)).append('\n');
    }
    sb.append("Edge:");
    int end = f.nodes().size() + 1;
    for (int[] e : f.edges()) {
      sb.append(" (")
          .append(e[0] == 0 ? "START" : Integer.toString(e[0]))
          .append(',')
          .append(e[1] == end ? "END" : Integer.toString(e[1]))
          .append(')');
    }
    return sb.toString();
  }

  static List<int[]> chain(int n) {
    List<int[]> edges = new ArrayList<>();
    for (int i = 0; i <= n; i++) {
      edges.add(new int[] {i, i + 1});
    }
    return edges;
  }

  /** Nodes 1 and 2 start independently, 3 needs both, then a chain to the end. */
  static List<int[]> fanIn(int n) {
    List<int[]> edges = new ArrayList<>();
    edges.add(new int[] {0, 1});
    edges.add(new int[] {0, 2});
    edges.add(new int[] {1, 3});
    edges.add(new int[] {2, 3});
    for (int i = 3; i <= n; i++) {
      edges.add(new int[] {i, i + 1});
    }
    return edges;
  }

  private static final String[] DIRS = {
    "/var/log", "/etc", "/home/dev", "/tmp", "/opt/app", "/srv/data"
  };
  private static final String[] EXTS = {"log", "conf", "txt", "json", "csv", "sh"};

  private static Flow os(int i) {
    String dir = DIRS[i % DIRS.length];
    String ext = EXTS[(i / DIRS.length) % EXTS.length];
    String other = EXTS[(i / DIRS.length + 1) % EXTS.length];
    return switch (i % 4) {
      case 0 ->
          new Flow(
              "count the ." + ext + " files under " + dir,
              List.of(
                  "execute bash code to list the ." + ext + " files under " + dir,
                  "execute bash code to count the listed files",
                  "take answer action with the count"),
              chain(3));
      case 1 ->
          new Flow(
              "report the size of the largest ." + ext + " file in " + dir,
              List.of(
                  "execute bash code to list the ." + ext + " files in " + dir + " with sizes",
                  "execute bash code to sort them by size and keep the largest",
                  "take answer action with its size"),
              chain(3));
      case 2 ->
          new Flow(
              "tell whether " + dir + " holds more ." + ext + " or ." + other + " files",
              List.of(
                  "execute bash code to count the ." + ext + " files in " + dir,
                  "execute bash code to count the ." + other + " files in " + dir,
                  "compare the two counts",
                  "take answer action with the larger kind"),
              fanIn(4));
      default ->
          new Flow(
              "find the user owning the most ." + ext + " files in " + dir,
              List.of(
                  "execute bash code to list the owner of every ." + ext + " file in " + dir,
                  "execute bash code to count the files per owner",
                  "execute bash code to pick the owner with the highest count",
                  "take answer action with that user"),
              chain(4));
    };
  }

  private static final String[] OBJECTS = {"mug", "apple", "tomato", "plate", "knife", "potato"};
  private static final String[] PLACES = {
    "countertop", "diningtable", "cabinet", "shelf", "sidetable", "drawer"
  };
  private static final String[] TARGETS = {
    "fridge", "sinkbasin", "coffeemachine", "garbagecan", "microwave", "desk"
  };

  private static Flow alfworld(int i) {
    String o = OBJECTS[i % OBJECTS.length];
    String from = PLACES[(i / 2) % PLACES.length];
    String to = TARGETS[(i / 3) % TARGETS.length];
    String other = PLACES[(i / 2 + 3) % PLACES.length];
    List<String> n = new ArrayList<>();
    String task;
    switch (i % 4) {
      case 0 -> {
        task = "put a " + o + " in/on the " + to;
        n.addAll(
            List.of(
                "go to " + from,
                "take " + o + " from " + from,
                "go to " + to,
                "put " + o + " in/on " + to));
      }
      case 1 -> {
        task = "put a clean " + o + " in/on the " + to;
        n.addAll(
            List.of(
                "go to " + from,
                "take " + o + " from " + from,
                "go to sinkbasin",
                "clean " + o + " with sinkbasin",
                "go to " + to,
                "put " + o + " in/on " + to));
      }
      case 2 -> {
        task = "put a hot " + o + " in/on the " + to;
        n.addAll(
            List.of(
                "go to " + from,
                "take " + o + " from " + from,
                "go to microwave",
                "heat " + o + " with microwave",
                "go to " + to,
                "put " + o + " in/on " + to));
      }
      default -> {
        task = "put two " + o + "s in/on the " + to;
        n.addAll(
            List.of(
                "go to " + from,
                "take " + o + " from " + from,
                "go to " + to,
                "put " + o + " in/on " + to,
                "go to " + other,
                "take " + o + " from " + other,
                "go to " + to,
                "open " + to,
                "put " + o + " in/on " + to));
      }
    }
    return new Flow(task, n, chain(n.size()));
  }

  private static final String[] PRODUCTS = {
    "wool socks", "phone case", "desk lamp", "water bottle", "yoga mat", "backpack"
  };
  private static final String[] COLORS = {"black", "red", "navy", "white", "green", "grey"};
  private static final int[] PRICES = {15, 20, 25, 30, 40, 50};

  private static Flow webshop(int i) {
    String p = PRODUCTS[i % PRODUCTS.length];
    String c = COLORS[(i / PRODUCTS.length) % COLORS.length];
    int price = PRICES[(i + i / PRODUCTS.length) % PRICES.length];
    if (i % 3 == 2) {
      return new Flow(
          "buy a " + c + " " + p + " in size large under " + price + " dollars",
          List.of(
              "search[" + c + " " + p + " large]",
              "click the " + p + " that is " + c + " and under " + price + " dollars",
              "click option " + c,
              "click option large",
              "click buy now"),
          chain(5));
    }
    return new Flow(
        "buy a " + c + " " + p + " under " + price + " dollars",
        List.of(
            "search[" + c + " " + p + "]",
            "click the " + p + " that is " + c + " and under " + price + " dollars",
            "click buy now"),
        chain(3));
  }
}
