// An ETL job as a Luigi user writes it: deduplicate parsed stock records
// with a std::set, aggregate them per warehouse (std::map of structs), pick
// the warehouse to restock with a chain of staged conditions, and return the
// restock plan, a struct with strings and a vector, built by a nested
// converted function.
#include <ag/ag.h>

#include <set>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

struct Record {
  std::string warehouse, sku;
  int units;
  bool operator<(const Record &o) const {
    return std::tie(warehouse, sku, units) <
           std::tie(o.warehouse, o.sku, o.units);
  }
};
struct Stock {
  int units = 0, skus = 0;
};
struct Plan {
  std::string warehouse;
  std::vector<std::string> notes;
  int order = 0;
  bool operator==(const Plan &o) const {
    return warehouse == o.warehouse && notes == o.notes && order == o.order;
  }
};

AG_NODE std::vector<Record> parseRecords(const std::string &text) {
  std::vector<Record> out;
  std::istringstream in(text);
  Record r;
  while (in >> r.warehouse >> r.sku >> r.units)
    out.push_back(r);
  return out;
}

AG_NODE std::set<Record> dedupe(const std::vector<Record> &rs) {
  return std::set<Record>(rs.begin(), rs.end());
}

AG_NODE std::map<std::string, Stock> perWarehouse(const std::set<Record> &rs) {
  std::map<std::string, Stock> out;
  for (const Record &r : rs) {
    out[r.warehouse].units += r.units;
    ++out[r.warehouse].skus;
  }
  return out;
}

AG_NODE Stock stockOf(const std::map<std::string, Stock> &m,
                      const std::string &warehouse) {
  auto it = m.find(warehouse);
  return it == m.end() ? Stock{} : it->second;
}

AG_NODE Plan makePlan(const std::string &warehouse, int order,
                      const std::string &note) {
  return {warehouse, {note}, order};
}

AG_NODE Plan addNote(Plan p, const std::string &note) {
  p.notes.push_back(note);
  return p;
}

AG_CONVERT
Plan restockPlan(std::string text, int low) {
  std::map<std::string, Stock> stock = perWarehouse(dedupe(parseRecords(text)));
  Stock east = stockOf(stock, "east");
  Stock west = stockOf(stock, "west");
  Plan plan = makePlan("none", 0, "all stocked");
  if (east.units < low && east.units <= west.units)
    plan = makePlan("east", low - east.units, "east is low");
  else if (west.units < low)
    plan = makePlan("west", low - west.units, "west is low");
  if (east.skus + west.skus > 4)
    plan = addNote(plan, "many skus");
  return plan;
}

AG_CONVERT
Plan plan(std::string text, int low) {
  Plan p = restockPlan(text, low);
  std::cout << "order " << p.order << "\n";
  return p;
}

#ifndef AG_PIPELINE_NO_MAIN
int main() {
  std::string text =
      "east bolts 10\neast nuts 5\neast bolts 10\nwest gears 30\n"
      "west bolts 2\nwest nuts 1\nnorth bolts 99\n";
  std::vector<Plan> eager, graph;
  for (int low : {10, 20, 40})
    eager.push_back(plan(text, low));
  std::cout << "== graph ==\n";
  auto fn = ag::function(&plan);
  for (int low : {10, 20, 40})
    graph.push_back(fn(text, low));
  std::cout << (graph == eager ? "identical" : "DIFFERENT") << "\n";
  return graph == eager ? 0 : 1;
}
#endif
