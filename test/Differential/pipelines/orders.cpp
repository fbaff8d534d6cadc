// An order-book pipeline as a Pythonflow user writes it: parse order lines
// into structs, drop invalid ones, total each customer shard (fan-out), pick
// the largest shard by a staged comparison, and refine a discount until the
// projected revenue falls under a cap (a staged while on node results).
#include <ag/ag.h>

#include <cstdio>
#include <sstream>
#include <string>
#include <vector>

struct Order {
  std::string customer;
  int quantity;
  double price;
};
struct Book {
  std::vector<Order> orders;
};
struct Totals {
  double revenue;
  int items;
};

AG_NODE Book parseOrders(const std::string &text) {
  Book book;
  std::istringstream in(text);
  Order o;
  while (in >> o.customer >> o.quantity >> o.price)
    book.orders.push_back(o);
  return book;
}

AG_NODE Book dropInvalid(const Book &book) {
  Book out;
  for (const Order &o : book.orders)
    if (o.quantity > 0 && o.price > 0)
      out.orders.push_back(o);
  return out;
}

AG_NODE Totals total(const Book &book) {
  Totals t{0, 0};
  for (const Order &o : book.orders) {
    t.revenue += o.quantity * o.price;
    t.items += o.quantity;
  }
  return t;
}

AG_NODE Totals discounted(const Totals &t, double rate) {
  return {t.revenue * (1 - rate), t.items};
}

AG_NODE_EFFECT void announce(const Totals &t, int shard) {
  std::printf("shard %d: revenue %.2f items %d\n", shard, t.revenue, t.items);
}

AG_CONVERT
ag::Tensor largestRevenue(std::vector<std::string> shards, double cap) {
  std::vector<Totals> totals;
  for (const std::string &text : shards)
    totals.push_back(total(dropInvalid(parseOrders(text))));
  Totals best = totals[0];
  int bestShard = 0;
  for (int i = 1; i < static_cast<int>(totals.size()); ++i) {
    if (totals[i].revenue > best.revenue) {
      best = totals[i];
      bestShard = i;
    }
  }
  announce(best, 0);
  double rate = 0.0;
  while (best.revenue > cap) {
    rate = rate + 0.05;
    best = discounted(best, 0.05);
  }
  std::cout << "shard " << bestShard << " discount " << rate << "\n";
  return best.revenue;
}

#ifndef AG_PIPELINE_NO_MAIN
int main() {
  std::vector<std::string> shards = {"ann 2 9.5\nbob 1 120\nbad -1 3\n",
                                     "cid 10 4.25\ndee 3 0\n",
                                     "eve 7 31\nfay 2 2.5\n"};
  ag::Tensor eager = largestRevenue(shards, 150.0);
  std::cout << "== graph ==\n";
  ag::Tensor graph = ag::function(&largestRevenue)(shards, 150.0);
  std::cout << (graph.identical(eager) ? "identical" : "DIFFERENT") << "\n";
  return graph.identical(eager) ? 0 : 1;
}
#endif
