// Web-server log analysis as a Pythonflow user writes it: parse access-log
// lines into structs (bad lines dropped), group requests by status code into
// a std::map, count the errors per path, and report the busiest path. The
// group-by and the error summary are independent nodes.
#include <ag/ag.h>

#include <map>
#include <sstream>
#include <string>
#include <vector>

struct Request {
  std::string method, path;
  int status;
  long bytes;
};

AG_NODE std::vector<Request> parseLog(const std::string &text) {
  std::vector<Request> out;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream fields(line);
    Request r;
    if (fields >> r.method >> r.path >> r.status >> r.bytes)
      out.push_back(r);
  }
  return out;
}

AG_NODE std::map<int, int> byStatus(const std::vector<Request> &requests) {
  std::map<int, int> counts;
  for (const Request &r : requests)
    ++counts[r.status];
  return counts;
}

AG_NODE std::map<std::string, int>
errorsByPath(const std::vector<Request> &requests) {
  std::map<std::string, int> errors;
  for (const Request &r : requests)
    if (r.status >= 500)
      ++errors[r.path];
  return errors;
}

AG_NODE std::string busiest(const std::map<std::string, int> &errors) {
  std::string best = "(none)";
  int most = 0;
  for (const auto &[path, n] : errors)
    if (n > most) {
      most = n;
      best = path;
    }
  return best;
}

AG_NODE long totalBytes(const std::vector<Request> &requests) {
  long sum = 0;
  for (const Request &r : requests)
    sum += r.bytes;
  return sum;
}

AG_NODE_EFFECT void printCounts(const std::map<int, int> &counts) {
  for (const auto &[status, n] : counts)
    std::cout << "status " << status << ": " << n << "\n";
}

AG_NODE_EFFECT void printBusiest(const std::string &path) {
  std::cout << "most errors: " << path << "\n";
}

AG_CONVERT
ag::Tensor analyse(std::string log) {
  std::vector<Request> requests = parseLog(log);
  std::map<int, int> counts = byStatus(requests);
  printCounts(counts);
  std::string worst = busiest(errorsByPath(requests));
  printBusiest(worst);
  long bytes = totalBytes(requests);
  std::cout << "bytes served: " << bytes << "\n";
  return bytes;
}

#ifndef AG_PIPELINE_NO_MAIN
int main() {
  std::string log = "GET /index 200 512\n"
                    "GET /api/items 500 12\n"
                    "POST /api/items 201 40\n"
                    "garbage line\n"
                    "GET /api/items 503 0\n"
                    "GET /login 500 8\n"
                    "GET /index 304 0\n";
  ag::Tensor eager = analyse(log);
  std::cout << "== graph ==\n";
  ag::Tensor graph = ag::function(&analyse)(log);
  std::cout << (graph.identical(eager) ? "identical" : "DIFFERENT") << "\n";
  return graph.identical(eager) ? 0 : 1;
}
#endif
