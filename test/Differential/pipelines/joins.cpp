// A relational pipeline as a Metaflow user writes it: parse two CSV tables
// into structs, join orders to customers on their id, group the joined rows
// by region into a std::map, and return a report struct (a host type)
// computed by a nested converted function.
#include <ag/ag.h>

#include <cstdio>
#include <map>
#include <sstream>
#include <string>
#include <vector>

struct Customer {
  int id;
  std::string name, region;
};
struct Order {
  int customer;
  double amount;
};
struct Joined {
  std::string name, region;
  double amount;
};
struct Report {
  std::string topRegion;
  double topRevenue = 0;
  int regions = 0;
  bool operator==(const Report &o) const {
    return topRegion == o.topRegion && topRevenue == o.topRevenue &&
           regions == o.regions;
  }
};

static std::vector<std::string> splitCsv(const std::string &line) {
  std::vector<std::string> cells;
  std::string cell;
  std::istringstream in(line);
  while (std::getline(in, cell, ','))
    cells.push_back(cell);
  return cells;
}

AG_NODE std::vector<Customer> parseCustomers(const std::string &csv) {
  std::vector<Customer> out;
  std::istringstream in(csv);
  std::string line;
  std::getline(in, line); // header
  while (std::getline(in, line)) {
    std::vector<std::string> c = splitCsv(line);
    if (c.size() == 3)
      out.push_back({std::stoi(c[0]), c[1], c[2]});
  }
  return out;
}

AG_NODE std::vector<Order> parseOrders(const std::string &csv) {
  std::vector<Order> out;
  std::istringstream in(csv);
  std::string line;
  std::getline(in, line);
  while (std::getline(in, line)) {
    std::vector<std::string> c = splitCsv(line);
    if (c.size() == 2 && !c[1].empty())
      out.push_back({std::stoi(c[0]), std::stod(c[1])});
  }
  return out;
}

AG_NODE std::vector<Joined> join(const std::vector<Customer> &customers,
                                 const std::vector<Order> &orders) {
  std::map<int, const Customer *> index;
  for (const Customer &c : customers)
    index[c.id] = &c;
  std::vector<Joined> out;
  for (const Order &o : orders) {
    auto it = index.find(o.customer);
    if (it != index.end())
      out.push_back({it->second->name, it->second->region, o.amount});
  }
  return out;
}

AG_NODE std::map<std::string, double>
revenueByRegion(const std::vector<Joined> &rows) {
  std::map<std::string, double> revenue;
  for (const Joined &r : rows)
    revenue[r.region] += r.amount;
  return revenue;
}

AG_NODE Report summarize(const std::map<std::string, double> &revenue) {
  Report r;
  for (const auto &[region, total] : revenue) {
    ++r.regions;
    if (total > r.topRevenue) {
      r.topRevenue = total;
      r.topRegion = region;
    }
  }
  return r;
}

AG_NODE_EFFECT void printRegions(const std::map<std::string, double> &rev) {
  for (const auto &[region, total] : rev)
    std::printf("%-6s %8.2f\n", region.c_str(), total);
}

AG_CONVERT
Report regionReport(std::string customersCsv, std::string ordersCsv) {
  std::vector<Joined> rows =
      join(parseCustomers(customersCsv), parseOrders(ordersCsv));
  std::map<std::string, double> revenue = revenueByRegion(rows);
  printRegions(revenue);
  return summarize(revenue);
}

AG_CONVERT
Report report(std::string customersCsv, std::string ordersCsv) {
  Report r = regionReport(customersCsv, ordersCsv);
  std::cout << "top region: " << r.topRevenue << "\n";
  return r;
}

#ifndef AG_PIPELINE_NO_MAIN
int main() {
  std::string customers = "id,name,region\n1,ann,north\n2,bob,south\n"
                          "3,cid,north\n4,dee,east\nbroken\n";
  std::string orders = "customer,amount\n1,10.5\n2,99\n3,42.25\n1,7\n"
                       "9,1000\n4,\n4,60\n";
  Report eager = report(customers, orders);
  std::cout << "== graph ==\n";
  Report graph = ag::function(&report)(customers, orders);
  std::cout << (graph == eager ? "identical" : "DIFFERENT") << "\n";
  return graph == eager ? 0 : 1;
}
#endif
