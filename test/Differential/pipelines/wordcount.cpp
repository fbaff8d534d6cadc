// Map-reduce word counting as a Pythonflow user writes it: tokenize each
// document (fan-out), count words per document into a std::map, merge the
// maps (fan-in), keep the top words as a vector of pairs, and print them.
// Documents whose vocabulary is too small are reported and emptied by a
// staged condition on a node's result.
#include <ag/ag.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <string>
#include <utility>
#include <vector>

using Counts = std::map<std::string, int>;

AG_NODE std::vector<std::string> tokenize(const std::string &doc) {
  std::vector<std::string> words;
  std::string w;
  for (char ch : doc + " ") {
    if (std::isalpha(static_cast<unsigned char>(ch))) {
      w += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    } else if (!w.empty()) {
      words.push_back(w);
      w.clear();
    }
  }
  return words;
}

AG_NODE Counts count(const std::vector<std::string> &words) {
  Counts c;
  for (const std::string &w : words)
    ++c[w];
  return c;
}

AG_NODE int vocabulary(const Counts &c) { return static_cast<int>(c.size()); }

AG_NODE Counts mergeCounts(const std::vector<Counts> &parts) {
  Counts all;
  for (const Counts &c : parts)
    for (const auto &[w, n] : c)
      all[w] += n;
  return all;
}

AG_NODE std::vector<std::pair<std::string, int>> top(const Counts &c, int k) {
  std::vector<std::pair<std::string, int>> v(c.begin(), c.end());
  std::stable_sort(v.begin(), v.end(), [](const auto &a, const auto &b) {
    return a.second > b.second;
  });
  if (static_cast<int>(v.size()) > k)
    v.resize(k);
  return v;
}

AG_NODE_EFFECT void
printTop(const std::vector<std::pair<std::string, int>> &v) {
  for (const auto &[w, n] : v)
    std::cout << w << " " << n << "\n";
}

AG_NODE_EFFECT void skipped(int index) {
  std::cout << "skipping document " << index << "\n";
}

AG_NODE int totalWords(const Counts &c) {
  int n = 0;
  for (const auto &kv : c)
    n += kv.second;
  return n;
}

AG_CONVERT
ag::Tensor wordCount(std::vector<std::string> docs, int minVocabulary) {
  std::vector<Counts> kept;
  for (int i = 0; i < static_cast<int>(docs.size()); ++i) {
    Counts c = count(tokenize(docs[i]));
    if (vocabulary(c) < minVocabulary) {
      skipped(i);
      c = Counts();
    }
    kept.push_back(c);
  }
  Counts all = mergeCounts(kept);
  printTop(top(all, 3));
  return totalWords(all);
}

#ifndef AG_PIPELINE_NO_MAIN
int main() {
  std::vector<std::string> docs = {
      "The quick brown fox jumps over the lazy dog.", "Dog eat dog.",
      "The dog barks; the fox runs, and THE end.",
      "A fox, a dog, a cat and a bird walked into the bar."};
  ag::Tensor eager = wordCount(docs, 4);
  std::cout << "== graph ==\n";
  ag::Tensor graph = ag::function(&wordCount)(docs, 4);
  std::cout << (graph.identical(eager) ? "identical" : "DIFFERENT") << "\n";
  return graph.identical(eager) ? 0 : 1;
}
#endif
