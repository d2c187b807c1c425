package io.acbench.runtime.tokenizer;

/** The built-in training text for fixture tokenizers: English prose, code and other scripts. */
final class FixtureCorpus {

  private FixtureCorpus() {}

  static final String TEXT =
      """
      The quick brown fox jumps over the lazy dog. The dog does not mind; it is sleeping in the \
      sun. A model reads the prompt, then it writes the answer one token at a time. When the \
      answer is complete, the model stops and the user reads the result. Benchmarks measure how \
      well a compressed model keeps the abilities of the original one: planning a workflow, \
      calling tools, reading long documents and finding a needle in a haystack.
      You are a helpful assistant. Please answer the question below. What is the capital of \
      France? The capital of France is Paris. What is two plus two? Two plus two is four.
      User: Can you summarize this document in three sentences?
      Assistant: Sure. The document describes the evaluation of quantized and pruned language \
      models. It compares the results with the original model. The differences are small.

      def tokenize(text: str) -> list[int]:
          ids = []
          for word in text.split():
              ids.append(vocab.get(word, unk_id))
          return ids

      public static int add(int a, int b) {
          return a + b;
      }

      for (int i = 0; i < n; i++) {
          sum += values[i] * weights[i];
      }
      {"name": "get_weather", "arguments": {"city": "Paris", "unit": "celsius"}}
      if (x == null) { throw new IllegalArgumentException("x must not be null"); }

      Le renard brun rapide saute par-dessus le chien paresseux. Café, crème brûlée, élève, \
      où est la bibliothèque ? Der schnelle braune Fuchs springt über den faulen Hund. Grüße aus \
      München, schöne Straße. El rápido zorro marrón salta sobre el perro perezoso. ¿Dónde está \
      la estación? Mañana será otro día.
      Быстрая коричневая лиса прыгает через ленивую собаку. Привет, мир!
      敏捷的棕色狐狸跳过了懒狗。你好，世界！我们今天学习语言模型。模型读取提示，然后生成答案。
      素早い茶色の狐が怠け者の犬を飛び越える。こんにちは、世界。
      빠른 갈색 여우가 게으른 개를 뛰어넘습니다. 안녕하세요!
      Emoji test: 🙂 👍 🚀 ✨ — done. Numbers: 0 1 2 3 4 5 6 7 8 9 10 100 1000 3.14159 2026.
      """;
}
