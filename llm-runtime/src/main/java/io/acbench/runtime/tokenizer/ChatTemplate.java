package io.acbench.runtime.tokenizer;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.el.JinjavaInterpreterResolver;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.lib.fn.ELFunctionDefinition;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jinjava.javax.el.CompositeELResolver;

/**
 * A Hugging Face chat template rendered with jinjava, set up like the Python environment of {@code
 * transformers}: {@code trim_blocks} and {@code lstrip_blocks}, {@code raise_exception}, {@code
 * strftime_now}, a {@code json.dumps}-compatible {@code tojson}, and Python string methods.
 *
 * <p>Rendering is all or nothing: jinjava records errors and keeps going, so every fatal error (an
 * unknown tag such as {@code {% generation %}}, an unresolved function or macro, a failed method
 * call) and every {@code raise_exception} becomes a {@link ChatTemplateException}. Filters jinjava
 * does not know are rejected when the template is created, since jinjava would silently pass the
 * value through.
 */
public final class ChatTemplate {

  private static final Pattern TAG = Pattern.compile("\\{([{%])(.*?)[}%]}", Pattern.DOTALL);
  private static final Pattern COMMENT = Pattern.compile("\\{#.*?#}", Pattern.DOTALL);
  private static final Pattern STRING_LITERAL =
      Pattern.compile("'(?:[^'\\\\]|\\\\.)*'|\"(?:[^\"\\\\]|\\\\.)*\"");
  private static final Pattern FILTER_NAME = Pattern.compile("\\|\\s*([A-Za-z_][A-Za-z0-9_]*)");

  private final String source;
  private final String bosToken;
  private final String eosToken;
  private final Jinjava jinjava;

  private ChatTemplate(String source, String bosToken, String eosToken) {
    this.source = WhitespaceControl.apply(source);
    this.bosToken = bosToken;
    this.eosToken = eosToken;
    this.jinjava = newEngine();
    checkFilters();
  }

  /**
   * A template from its source text.
   *
   * @param bosToken value of {@code bos_token}, or null to leave it undefined
   * @param eosToken value of {@code eos_token}, or null to leave it undefined
   * @throws ChatTemplateException when the template uses a filter the engine does not have
   */
  public static ChatTemplate of(String source, String bosToken, String eosToken) {
    return new ChatTemplate(source, bosToken, eosToken);
  }

  /** The default chat template of a {@code tokenizer_config.json}. */
  public static ChatTemplate fromTokenizerConfig(Path file) {
    return fromTokenizerConfig(file, TokenizerSettings.DEFAULT_TEMPLATE);
  }

  /**
   * The chat template called {@code name} (a single-string {@code chat_template} is named {@code
   * default}).
   *
   * @throws TokenizerException naming the file when it has no such template
   */
  public static ChatTemplate fromTokenizerConfig(Path file, String name) {
    TokenizerSettings settings = TokenizerSettings.read(file);
    String template = settings.chatTemplates().get(name);
    if (template == null) {
      throw new TokenizerException(
          file
              + ": no chat_template named '"
              + name
              + "' (has "
              + settings.chatTemplates().keySet()
              + ")");
    }
    return of(template, settings.bosToken(), settings.eosToken());
  }

  /**
   * Renders a conversation.
   *
   * @param extraContext further template variables, e.g. {@code tools} (a list of JSON-schema maps)
   *     or {@code date_string}; they cannot replace {@code messages} or {@code
   *     add_generation_prompt}
   * @throws ChatTemplateException with the template's message for {@code raise_exception}, or
   *     naming the construct that failed
   */
  public String render(
      List<ChatMessage> messages, boolean addGenerationPrompt, Map<String, Object> extraContext) {
    Map<String, Object> context = new HashMap<>();
    context.put("tools", null);
    context.put("bos_token", bosToken);
    context.put("eos_token", eosToken);
    context.putAll(extraContext);
    List<Map<String, Object>> turns = new ArrayList<>();
    messages.forEach(m -> turns.add(m.toTemplateValue()));
    context.put("messages", turns);
    context.put("add_generation_prompt", addGenerationPrompt);
    RenderResult result;
    TemplateFunctions.takeRaised();
    try {
      result = jinjava.renderForResult(source, context);
    } catch (RuntimeException e) {
      throw new ChatTemplateException("chat template failed: " + e.getMessage(), e);
    } finally {
      String raised = TemplateFunctions.takeRaised();
      if (raised != null) {
        throw new ChatTemplateException(raised);
      }
    }
    for (TemplateError error : result.getErrors()) {
      if (error.getSeverity() == TemplateError.ErrorType.FATAL) {
        throw new ChatTemplateException(describe(error));
      }
    }
    return result.getOutput();
  }

  private static String describe(TemplateError error) {
    String where = error.getLineno() > 0 ? " at line " + error.getLineno() : "";
    String construct = error.getFieldName() == null ? "" : " in '" + error.getFieldName() + "'";
    return "chat template cannot be rendered" + where + construct + ": " + error.getMessage();
  }

  private void checkFilters() {
    Matcher tags = TAG.matcher(COMMENT.matcher(source).replaceAll(""));
    while (tags.find()) {
      String code = STRING_LITERAL.matcher(tags.group(2)).replaceAll("''");
      Matcher filters = FILTER_NAME.matcher(code);
      while (filters.find()) {
        String name = filters.group(1);
        if (jinjava.getGlobalContext().getFilter(name) == null) {
          throw new ChatTemplateException(
              "chat template uses the filter '" + name + "', which the engine does not support");
        }
      }
    }
  }

  private static Jinjava newEngine() {
    CompositeELResolver resolver = new CompositeELResolver();
    resolver.add(new PyStringMethods());
    resolver.add(JinjavaInterpreterResolver.DEFAULT_RESOLVER_READ_ONLY);
    JinjavaConfig config =
        JinjavaConfig.newBuilder()
            .withTrimBlocks(true)
            .withLstripBlocks(true)
            .withNestedInterpretationEnabled(false)
            .withElResolver(resolver)
            .build();
    Jinjava jinjava = new Jinjava(config);
    jinjava.getGlobalContext().registerFilter(new PyJsonFilter());
    jinjava
        .getGlobalContext()
        .registerFunction(
            new ELFunctionDefinition(
                "", "raise_exception", TemplateFunctions.class, "raiseException", Object.class));
    jinjava
        .getGlobalContext()
        .registerFunction(
            new ELFunctionDefinition(
                "", "strftime_now", TemplateFunctions.class, "strftimeNow", String.class));
    return jinjava;
  }
}
