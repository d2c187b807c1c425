package io.acbench.tasksuite.dataset;

import static io.acbench.tasksuite.dataset.BuiltinDatasetGenerator.obj;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * T-Eval-format records for every v2 file (32 each), over a fixed set of invented APIs. Values are
 * drawn from a {@link Random} with a fixed seed per file, so the output never changes.
 */
final class TevalGenerator {

  static final int PER_FILE = 32;

  private TevalGenerator() {}

  /** An invented API: name, description, and argument names with their example values. */
  record Api(String name, String description, Map<String, List<Object>> args) {}

  static final List<Api> APIS =
      List.of(
          new Api(
              "WeatherAPI.get_forecast",
              "Weather forecast of a city for a day.",
              args(
                  "city",
                  List.of("Paris", "Lima", "Oslo", "Osaka", "Cairo", "Perth"),
                  "day",
                  List.of("today", "tomorrow", "Monday", "Friday"))),
          new Api(
              "CalendarAPI.add_event",
              "Adds an event to the user's calendar.",
              args(
                  "title",
                  List.of("dentist", "team sync", "yoga", "book club"),
                  "date",
                  List.of("2026-03-02", "2026-04-11", "2026-05-20", "2026-06-07"))),
          new Api(
              "MailAPI.send_email",
              "Sends an email.",
              args(
                  "to",
                  List.of("ana@example.org", "bo@example.org", "chen@example.org"),
                  "subject",
                  List.of("minutes", "invoice", "holiday plan"))),
          new Api(
              "MapAPI.get_distance",
              "Road distance in km between two places.",
              args(
                  "origin",
                  List.of("Lyon", "Turin", "Basel", "Graz"),
                  "destination",
                  List.of("Milan", "Geneva", "Munich", "Vienna"))),
          new Api(
              "StockAPI.get_price",
              "Latest price of a stock symbol.",
              args("symbol", List.of("ACME", "GLOBX", "INIT", "UMBR"))),
          new Api(
              "NewsAPI.search",
              "Searches news articles.",
              args(
                  "query",
                  List.of("solar power", "chess", "rail strike", "coral reefs"),
                  "limit",
                  List.of(3, 5, 10))));

  static final Map<String, Object> FINISH =
      obj(
          "name",
          "FinishAction",
          "description",
          "Gives the final answer to the user.",
          "parameters",
          List.of(obj("name", "answer", "type", "STRING")));

  private static Map<String, List<Object>> args(Object... kv) {
    Map<String, List<Object>> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      @SuppressWarnings("unchecked")
      List<Object> values = (List<Object>) kv[i + 1];
      m.put((String) kv[i], values);
    }
    return m;
  }

  static Map<String, List<Map<String, Object>>> all() {
    Map<String, List<Map<String, Object>>> m = new LinkedHashMap<>();
    m.put("instruct", records(1, TevalGenerator::instruct));
    m.put("plan_json", records(2, (r, i) -> plan(r, i, true)));
    m.put("plan_str", records(3, (r, i) -> plan(r, i, false)));
    m.put("reason_str", records(4, (r, i) -> step(r, i, "reason")));
    m.put("retrieve_str", records(5, (r, i) -> step(r, i, "retrieve")));
    m.put("understand_str", records(6, (r, i) -> step(r, i, "understand")));
    m.put("reason_retrieve_understand_json", records(7, (r, i) -> step(r, i, "rru")));
    m.put("review_str", records(8, TevalGenerator::review));
    return m;
  }

  interface Maker {
    Map<String, Object> make(Random random, int index);
  }

  private static List<Map<String, Object>> records(long seed, Maker maker) {
    Random random = new Random(seed);
    List<Map<String, Object>> out = new ArrayList<>();
    for (int i = 0; i < PER_FILE; i++) {
      out.add(maker.make(random, i));
    }
    return out;
  }

  /** Collected per file as a JSON object keyed by id; see {@link #keyed}. */
  static Map<String, Object> keyed(List<Map<String, Object>> records) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (Map<String, Object> r : records) {
      Map<String, Object> copy = new LinkedHashMap<>(r);
      m.put((String) copy.remove("_id"), copy);
    }
    return m;
  }

  private static Map<String, Object> call(Random r, Api api) {
    Map<String, Object> a = new LinkedHashMap<>();
    api.args().forEach((k, v) -> a.put(k, v.get(r.nextInt(v.size()))));
    return a;
  }

  private static Map<String, Object> schema(Api api) {
    List<Object> params = new ArrayList<>();
    api.args()
        .forEach(
            (k, v) ->
                params.add(
                    obj("name", k, "type", v.getFirst() instanceof Integer ? "NUMBER" : "STRING")));
    return obj("name", api.name(), "description", api.description(), "parameters", params);
  }

  private static String apiText(List<Api> apis) {
    List<Object> schemas = new ArrayList<>();
    apis.forEach(a -> schemas.add(schema(a)));
    schemas.add(FINISH);
    return new String(
            BuiltinDatasetGenerator.json(schemas), java.nio.charset.StandardCharsets.UTF_8)
        .strip();
  }

  private static String sentence(Api api, Map<String, Object> args) {
    StringBuilder sb = new StringBuilder("Call " + api.name() + " with");
    String sep = " ";
    for (Map.Entry<String, Object> e : args.entrySet()) {
      sb.append(sep).append('\'').append(e.getKey()).append("' set to ").append(e.getValue());
      sep = " and ";
    }
    return sb.append('.').toString();
  }

  private static Map<String, Object> instruct(Random r, int i) {
    Api api = APIS.get(i % APIS.size());
    Map<String, Object> args = call(r, api);
    int round = i / APIS.size();
    boolean json = round % 2 == 0;
    Map<String, Object> template;
    String format;
    if (json) {
      String[] thought = {"thought", "goal", "plan"};
      String[] action = {"action", "name", "tool"};
      String[] arg = {"args", "parameters", "arguments"};
      int k = round % 3;
      template = obj("thought", thought[k], "action", action[k], "args", arg[k]);
      format =
          "Please answer with one JSON object with the keys \""
              + thought[k]
              + "\", \""
              + action[k]
              + "\" and \""
              + arg[k]
              + "\".";
    } else {
      String[] t = {"goal: ", "Thought: ", "think: "};
      String[] a = {"name: ", "Action: ", "tool: "};
      String[] g = {"args: ", "Action Input: ", "input: "};
      int k = round % 3;
      template =
          obj(
              "thought_start",
              t[k],
              "thought_end",
              "\n",
              "action_start",
              a[k],
              "action_end",
              "\n",
              "args_start",
              g[k],
              "args_end",
              "");
      format =
          "Please generate the response in the following format:\n"
              + t[k]
              + "...\n"
              + a[k]
              + "...\n"
              + g[k]
              + "...";
    }
    String system =
        "You have access to the following API:\n" + apiText(List.of(api)) + "\n" + format;
    return obj(
        "_id", "query_" + (i + 1) + "_0_0",
        "origin_prompt",
            List.of(
                obj("role", "system", "content", system),
                obj("role", "user", "content", sentence(api, args))),
        "template", template,
        "ground_truth", obj("action", api.name(), "args", args),
        "meta_data", obj("response_format", json ? "json" : "str"));
  }

  private static Map<String, Object> plan(Random r, int i, boolean json) {
    int a = i % APIS.size();
    int b = (i + 1 + i / APIS.size()) % APIS.size();
    if (b == a) {
      b = (a + 1) % APIS.size();
    }
    List<Api> apis = List.of(APIS.get(a), APIS.get(b));
    Map<String, Object> argsA = call(r, apis.get(0));
    Map<String, Object> argsB = call(r, apis.get(1));
    List<Object> truth = new ArrayList<>();
    truth.add(obj("id", 0, "name", apis.get(0).name(), "args", argsA));
    truth.add(obj("id", 1, "name", apis.get(1).name(), "args", argsB));
    truth.add(
        obj(
            "id",
            2,
            "name",
            "FinishAction",
            "args",
            obj("answer", "the results of steps 0 and 1")));
    String format =
        json
            ? "Answer with a JSON list of steps, each {\"id\": int, \"name\": API name, \"args\": object}, ending with FinishAction."
            : "Answer with one numbered line per step naming the API and its arguments, ending with FinishAction.";
    String system = "You are a planner. You can use these APIs:\n" + apiText(apis) + "\n" + format;
    String user =
        "First "
            + sentence(apis.get(0), argsA).substring(0, 1).toLowerCase()
            + sentence(apis.get(0), argsA).substring(1)
            + " Then "
            + sentence(apis.get(1), argsB).substring(0, 1).toLowerCase()
            + sentence(apis.get(1), argsB).substring(1)
            + " Tell me both results.";
    return obj(
        "_id", "query_" + (i + 1) + "_0_0",
        "origin_prompt",
            List.of(obj("role", "system", "content", system), obj("role", "user", "content", user)),
        "ground_truth", truth,
        "meta",
            obj(
                "prompt_type",
                json ? "json" : "str",
                "API_list",
                List.of(apis.get(0).name(), apis.get(1).name(), "FinishAction")),
        "meta_data", obj("response_format", json ? "json" : "str"));
  }

  private static Map<String, Object> step(Random r, int i, String kind) {
    Api first = APIS.get(i % APIS.size());
    Api next = APIS.get((i + 2) % APIS.size());
    Map<String, Object> firstArgs = call(r, first);
    Map<String, Object> nextArgs = call(r, next);
    String ask =
        switch (kind) {
          case "reason" -> "Give only your thought about what to do next.";
          case "retrieve" -> "Give only the name of the API to call next.";
          case "understand" -> "Give only the arguments of the next call as a JSON object.";
          default ->
              "Answer with one JSON object with the keys \"thought\", \"name\" and \"args\" for the next call.";
        };
    String system =
        "You can use these APIs:\n" + apiText(List.of(first, next)) + "\nWork step by step. " + ask;
    String thought =
        "I have the result of "
            + first.name()
            + "; now I need "
            + next.name()
            + " for the second part.";
    return obj(
        "_id", "query_" + (i + 1) + "_1_0",
        "origin_prompt",
            List.of(
                obj("role", "system", "content", system),
                obj(
                    "role",
                    "user",
                    "content",
                    sentence(first, firstArgs) + " After that, " + sentence(next, nextArgs)),
                obj(
                    "role",
                    "assistant",
                    "content",
                    "Calling " + first.name() + " with " + Json.canonical(firstArgs)),
                obj(
                    "role",
                    "function",
                    "content",
                    "{\"status\": \"ok\", \"result\": \"" + (r.nextInt(900) + 100) + "\"}")),
        "ground_truth", obj("thought", thought, "name", next.name(), "args", nextArgs),
        "meta_data", obj("response_format", kind.equals("rru") ? "json" : "str"));
  }

  private static final String[] VERDICTS = {
    "A. The call achieved the goal.",
    "B. The call used wrong arguments.",
    "C. The call used the wrong API.",
    "D. The API returned an error.",
    "E. The result does not answer the question."
  };

  private static Map<String, Object> review(Random r, int i) {
    Api api = APIS.get(i % APIS.size());
    Api wrongApi = APIS.get((i + 1) % APIS.size());
    Map<String, Object> args = call(r, api);
    int verdict = i % VERDICTS.length;
    String used = verdict == 2 ? wrongApi.name() : api.name();
    Map<String, Object> usedArgs = verdict == 1 ? call(new Random(i), wrongApi) : args;
    String response =
        switch (verdict) {
          case 3 -> "{\"error\": \"service unavailable\"}";
          case 4 -> "{\"status\": \"ok\", \"result\": \"unrelated text\"}";
          default -> "{\"status\": \"ok\", \"result\": \"" + (r.nextInt(900) + 100) + "\"}";
        };
    String system =
        "You review one tool call. Choose the letter that describes it best:\n"
            + String.join("\n", VERDICTS)
            + "\nAnswer with the letter only.";
    String user =
        "Goal: "
            + sentence(api, args)
            + "\nCall: "
            + used
            + " "
            + Json.canonical(usedArgs)
            + "\nResponse: "
            + response;
    return obj(
        "_id", "query_" + (i + 1) + "_0_0",
        "origin_prompt",
            List.of(obj("role", "system", "content", system), obj("role", "user", "content", user)),
        "ground_truth", obj("answer", VERDICTS[verdict].substring(0, 1)),
        "meta_data", obj("response_format", "str"));
  }
}
