package io.acbench.runtime.tokenizer;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.filter.Filter;
import java.util.Map;

/**
 * {@code tojson} as Hugging Face overrides it: {@code json.dumps(x, ensure_ascii=False,
 * indent=indent, separators=None, sort_keys=False)}, with {@code indent}, {@code ensure_ascii} and
 * {@code sort_keys} accepted as keyword arguments ({@code indent} also positionally).
 */
final class PyJsonFilter implements Filter {

  @Override
  public String getName() {
    return "tojson";
  }

  @Override
  public Object filter(Object var, JinjavaInterpreter interpreter, String... args) {
    return filter(var, interpreter, args, Map.of());
  }

  @Override
  public Object filter(
      Object var, JinjavaInterpreter interpreter, Object[] args, Map<String, Object> kwargs) {
    Object indent = kwargs.getOrDefault("indent", args.length > 0 ? args[0] : null);
    return PyJson.dumps(
        var,
        indent == null ? null : Integer.valueOf(indent.toString()),
        truthy(kwargs.get("ensure_ascii")),
        truthy(kwargs.get("sort_keys")));
  }

  private static boolean truthy(Object value) {
    return value instanceof Boolean b ? b : value != null && Boolean.parseBoolean(value.toString());
  }
}
