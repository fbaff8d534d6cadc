//===- StoreRun.cpp - One evaluation against a store ----------------------===//
//
// Keys (see StoreRun.h): a node's key hashes "what it computes" (its kind,
// attributes, regions and, for AG_NODE calls, the registered name and code
// fingerprint) with its inputs' keys, so equal keys mean equal values across
// processes, and changing one input or one function changes exactly the
// keys downstream of it. Feeds and constants are keyed by their encoded
// bytes.
//
//===----------------------------------------------------------------------===//

#include "StoreRun.h"

#include "ag/Error.h"
#include "ag/runtime/Codec.h"
#include "ag/runtime/HostNode.h"

#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <ctime>
#include <iostream>

#include <sys/syscall.h>
#include <unistd.h>

namespace ag::exec {

namespace {

/// Bytes that identify a node's computation; appended field by field with
/// explicit sizes so no two different nodes serialize alike.
class KeyBytes {
public:
  void u64(uint64_t v) { out_.append(reinterpret_cast<const char *>(&v), 8); }
  void str(const std::string &s) {
    u64(s.size());
    out_ += s;
  }
  void key(const StoreKey &k) {
    u64(k.hi);
    u64(k.lo);
  }
  StoreKey hash() const { return hashKey(out_); }

private:
  std::string out_;
};

StoreKey programKey(const Program &p);

/// What node `node` computes, independent of its inputs; invalid when a
/// region holds a value with no codec (then nothing downstream is keyed).
StoreKey nodeIdentity(const Node &node) {
  KeyBytes b;
  b.str("ag-node-1");
  b.u64(static_cast<uint64_t>(node.kind));
  b.u64(static_cast<uint64_t>(node.op));
  b.u64(static_cast<uint64_t>(node.dtype));
  b.u64(static_cast<uint64_t>(node.axis));
  b.u64(node.declared);
  b.u64(static_cast<uint64_t>(node.reduce));
  b.u64(node.keepdims);
  b.u64(node.escapeOutput);
  b.u64(node.shape.size());
  for (int64_t d : node.shape)
    b.u64(static_cast<uint64_t>(d));
  b.str(node.text);
  b.str(node.opName);
  b.u64(node.numExplicitOperands);
  b.u64(node.operands.size());
  b.u64(node.results.size());
  // An AG_NODE is its registered name plus its code's fingerprint ("" when
  // the converter did not register one: then the name alone).
  if (node.kind == NodeKind::Host)
    b.str(codeFingerprint(node.text));
  for (const auto &region : node.regions) {
    StoreKey r = programKey(*region);
    if (!r.valid)
      return {};
    b.key(r);
  }
  return b.hash();
}

/// Encodes `v`; nullopt when it has no codec or its codec fails (a user
/// type's serialize may throw): such a value is simply not stored.
std::optional<std::string> tryEncode(const Value &v) {
  try {
    return encodeValue(v);
  } catch (const std::exception &) {
    return std::nullopt;
  }
}

StoreKey valueKey(const char *what, const Value &v) {
  std::optional<std::string> bytes = tryEncode(v);
  if (!bytes)
    return {};
  std::string in(what);
  in.push_back('\0');
  in += *bytes;
  return hashKey(in);
}

/// The structure of a region: nodes with their slot wiring, constants,
/// captures, arguments and results.
StoreKey programKey(const Program &p) {
  KeyBytes b;
  b.str("ag-region-1");
  b.u64(p.numSlots());
  for (const Node &node : p.nodes()) {
    StoreKey id = nodeIdentity(node);
    if (!id.valid)
      return {};
    b.key(id);
    for (SlotId s : node.operands)
      b.u64(s);
    for (SlotId s : node.results)
      b.u64(s);
  }
  for (const auto &[slot, value] : p.constants()) {
    StoreKey k = valueKey("constant", value);
    if (!k.valid)
      return {};
    b.u64(slot);
    b.key(k);
  }
  for (const auto &[outer, inner] : p.captures()) {
    b.u64(outer);
    b.u64(inner);
  }
  for (SlotId s : p.arguments())
    b.u64(s);
  b.u64(~0ull);
  for (SlotId s : p.results())
    b.u64(s);
  return b.hash();
}

bool isTokenValue(const Program &p, SlotId s) { return p.slot(s).isToken; }

uint32_t threadNumber() {
  thread_local uint32_t tid = static_cast<uint32_t>(::syscall(SYS_gettid));
  return tid;
}

/// "2026-12-06T21:40:00.123Z"
std::string isoNow() {
  auto now = std::chrono::system_clock::now();
  std::time_t t = std::chrono::system_clock::to_time_t(now);
  int ms =
      static_cast<int>(std::chrono::duration_cast<std::chrono::milliseconds>(
                           now.time_since_epoch())
                           .count() %
                       1000);
  std::tm tm;
  gmtime_r(&t, &tm);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ",
                tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
                tm.tm_min, tm.tm_sec, ms);
  return buf;
}

std::string locString(const Node &node) {
  if (!node.source || !node.source->loc.known())
    return "";
  const SourceLoc &loc = node.source->loc;
  return loc.file + ":" + std::to_string(loc.line) + ":" +
         std::to_string(loc.col);
}

/// Keys `node`'s results in `keys` from its identity and its operands' keys
/// (all valid): equal keys, equal values, wherever the node is.
void resultKeys(const StoreKey &identity, const Node &node, SlotKeys &keys) {
  std::string bytes;
  bytes.reserve(16 * (node.operands.size() + 1) + sizeof(size_t));
  bytes.assign(reinterpret_cast<const char *>(&identity.hi), 8);
  bytes.append(reinterpret_cast<const char *>(&identity.lo), 8);
  for (SlotId s : node.operands) {
    bytes.append(reinterpret_cast<const char *>(&keys[s].hi), 8);
    bytes.append(reinterpret_cast<const char *>(&keys[s].lo), 8);
  }
  const size_t base = bytes.size();
  for (size_t i = 0; i < node.results.size(); ++i) {
    bytes.resize(base);
    bytes.append(reinterpret_cast<const char *>(&i), sizeof i);
    keys[node.results[i]] = hashKey(bytes);
  }
}

} // namespace

StoreKey indexKey(int64_t iv) {
  std::string bytes("ag-index");
  bytes.push_back('\0');
  bytes.append(reinterpret_cast<const char *>(&iv), sizeof iv);
  return hashKey(bytes);
}

const std::string &ProgramKeys::linePrefix(const Program &p, NodeId n,
                                           SlotId shown) const {
  std::lock_guard<std::mutex> lock(mutex_);
  if (prefixes_.size() != p.nodes().size())
    prefixes_.assign(p.nodes().size(), {kNoNode, ""});
  auto &[slot, text] = prefixes_[n];
  if (slot != shown || text.empty()) {
    slot = shown;
    text = StoreRun::linePrefix(p, p.nodes()[n], shown);
  }
  return text;
}

const ProgramKeys &ProgramKeys::region(const Program &r) const {
  std::lock_guard<std::mutex> lock(mutex_);
  std::unique_ptr<ProgramKeys> &keys = regions_[&r];
  if (!keys)
    keys = std::make_unique<ProgramKeys>(r);
  return *keys;
}

ProgramKeys::ProgramKeys(const Program &p) {
  identity.reserve(p.nodes().size());
  for (const Node &node : p.nodes())
    identity.push_back(nodeIdentity(node));
  slot.resize(p.numSlots());
  for (const auto &[s, value] : p.constants())
    slot[s] = valueKey("constant", value);
}

std::string storeDirectory(const RunOptions &options) {
  if (!options.store.empty())
    return options.store;
  const char *env = std::getenv("AG_STORE");
  return env ? env : "";
}

StoreRun::StoreRun(std::shared_ptr<ValueStore> store, const Program &p,
                   const ProgramKeys &keys, const std::vector<Tensor> &feeds,
                   const std::vector<SlotId> &fetches)
    : store_(std::move(store)), p_(p), fetches_(fetches), keys_(keys.slot),
      storable_(p.numSlots(), 0), nodes_(p.nodes().size()), programKeys_(keys) {
  for (size_t a = 0; a < p.arguments().size() && a < feeds.size(); ++a)
    if (feeds[a].defined())
      keys_[p.arguments()[a]] = valueKey("feed", Value::compact(feeds[a]));
  for (NodeId n = 0; n < p.nodes().size(); ++n) {
    const Node &node = p.nodes()[n];
    bool keyed = keys.identity[n].valid;
    bool effect = false;
    for (SlotId s : node.operands) {
      keyed &= keys_[s].valid;
      effect |= isTokenValue(p, s);
    }
    for (SlotId r : node.results)
      effect |= isTokenValue(p, r);
    if (!keyed)
      continue;
    resultKeys(keys.identity[n], node, keys_);
    for (SlotId r : node.results)
      storable_[r] = node.kind == NodeKind::Host && !effect;
  }
  // Fetched values are stored whatever computes them (not effects: a
  // stored value must not stand in for a print or an assert).
  for (SlotId f : fetches) {
    NodeId producer = p.slot(f).producer;
    if (producer == kNoNode || isTokenValue(p, f) || !keys_[f].valid)
      continue;
    bool effect = false;
    for (SlotId s : p.nodes()[producer].operands)
      effect |= isTokenValue(p, s);
    storable_[f] = !effect;
  }
}

StoreRun::~StoreRun() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    closing_ = true;
  }
  wake_.notify_one();
  if (writer_.joinable())
    writer_.join();
}

void StoreRun::lookup(std::vector<uint8_t> &available,
                      std::vector<Value> &values) {
  store_->refresh(); // what other processes stored since the last run
  std::vector<uint8_t> needed(p_.numSlots(), 0);
  for (SlotId f : fetches_)
    needed[f] = 1;
  for (NodeId n = static_cast<NodeId>(p_.nodes().size()); n-- > 0;) {
    const Node &node = p_.nodes()[n];
    bool missing = false, any = false;
    for (SlotId r : node.results) {
      if (!needed[r] || available[r])
        continue;
      any = true;
      uint64_t bytes = 0;
      if (storable(r))
        if (std::optional<Value> v = store_->read(keys_[r], &bytes)) {
          values[r] = std::move(*v);
          available[r] = 1;
          ++loaded_;
          nodes_[n].bytes += bytes;
          continue;
        }
      missing = true;
    }
    if (!missing) {
      if (any) {
        nodes_[n].status = Status::Cached;
        ++cached_;
      }
      continue;
    }
    for (SlotId s : node.operands)
      needed[s] = 1;
  }
}

uint64_t StoreRun::now() {
  return static_cast<uint64_t>(
      std::chrono::duration_cast<std::chrono::nanoseconds>(
          std::chrono::steady_clock::now().time_since_epoch())
          .count());
}

void StoreRun::nodeDone(NodeId n, const std::vector<Value> &slots,
                        uint64_t start) {
  NodeRecord &rec = nodes_[n];
  rec.thread = threadNumber();
  rec.seconds = static_cast<double>(now() - start) * 1e-9;
  rec.status = Status::NotStored;
  storeResults(n, p_.results(n), keys_, slots, rec, &storable_);
}

void StoreRun::storeResults(NodeId n, SlotSpan results, const SlotKeys &keys,
                            const std::vector<Value> &slots, NodeRecord &rec,
                            const std::vector<uint8_t> *storable) {
  std::vector<Item> items;
  std::vector<ValueStore::Pending> small;
  for (SlotId r : results) {
    const Value &v = slots[r];
    if ((storable && !(*storable)[r]) || !keys[r].valid || v.empty() ||
        !hasCodec(v))
      continue;
    rec.status = Status::Ran;
    // A small value is encoded here and appended to the pack's buffer: that
    // costs less than handing it to another thread.
    if (v.kind() != Value::Kind::Host && v.bytes() > store_->packMax()) {
      if (n == kNoNode)
        rec.bytes += v.bytes(); // the writer counts a top-level node's
      items.push_back(Item{n, keys[r], v});
      continue;
    }
    if (std::optional<std::string> payload = tryEncode(v)) {
      if (payload->size() > store_->packMax()) {
        if (n == kNoNode)
          rec.bytes += payload->size();
        items.push_back(Item{n, keys[r], v});
        continue;
      }
      rec.bytes += payload->size();
      small.push_back({keys[r], std::move(*payload)});
    }
  }
  // A node that took a millisecond or more has its result written before
  // the run goes on (a write costs ~10 us), so a SIGKILL after it never
  // reruns it; cheaper ones are written within 10 ms, in batches.
  stored_ += store_->append(small, rec.seconds >= 1e-3);
  if (items.empty())
    return;
  // Large values go to the writer thread: a file each costs a file
  // creation.
  bool idle;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!writer_.joinable())
      writer_ = std::thread([this] { writerLoop(); });
    idle = queue_.empty();
    for (Item &item : items)
      queue_.push_back(std::move(item));
  }
  // The writer takes the whole queue when it wakes: one wake-up per batch,
  // not per value.
  if (idle)
    wake_.notify_one();
}

//===----------------------------------------------------------------------===//
// Regions
//===----------------------------------------------------------------------===//

void StoreRun::enterRegion(const Program &region, const SlotKeys &parent,
                           SlotKeys &keys) {
  const ProgramKeys &rk = programKeys_.region(region);
  keys.assign(rk.slot.begin(), rk.slot.end()); // constants; the rest invalid
  for (const auto &[outer, inner] : region.captures())
    keys[inner] = outer < parent.size() ? parent[outer] : StoreKey{};
}

bool StoreRun::regionStorable(const Program &region, NodeId n) {
  const Node &node = region.nodes()[n];
  if (node.kind != NodeKind::Host || node.results.empty())
    return false;
  for (SlotId s : node.operands)
    if (isTokenValue(region, s))
      return false;
  for (SlotId r : node.results)
    if (isTokenValue(region, r))
      return false;
  return true;
}

bool StoreRun::regionCached(const Program &region, NodeId n, SlotKeys &keys,
                            std::vector<Value> &values,
                            const std::string &iteration) {
  const ProgramKeys &rk = programKeys_.region(region);
  const Node &node = region.nodes()[n];
  bool keyed = rk.identity[n].valid;
  for (SlotId s : node.operands)
    keyed &= keys[s].valid;
  if (!keyed) {
    for (SlotId r : node.results)
      keys[r] = StoreKey{};
    return false;
  }
  resultKeys(rk.identity[n], node, keys);
  if (!regionStorable(region, n))
    return false;
  values.clear();
  uint64_t bytes = 0;
  for (SlotId r : node.results) {
    uint64_t b = 0;
    std::optional<Value> v = store_->read(keys[r], &b);
    if (!v)
      return false;
    values.push_back(std::move(*v));
    bytes += b;
  }
  loaded_ += values.size();
  ++cached_;
  RegionRecord r{&node,           iteration, {}, keys[node.results[0]],
                 node.results[0], &region};
  r.rec.status = Status::Cached;
  r.rec.bytes = bytes;
  addRegionRecord(std::move(r));
  return true;
}

StoreRun::RegionRecord StoreRun::executedRecord(const Program &region, NodeId n,
                                                uint64_t start,
                                                const std::string &iteration,
                                                Status status) {
  const Node &node = region.nodes()[n];
  ++regionRan_;
  RegionRecord r{&node, iteration, {}, {}, 0, &region};
  r.rec.thread = threadNumber();
  r.rec.seconds = static_cast<double>(now() - start) * 1e-9;
  r.rec.status = status;
  if (!node.results.empty())
    r.shown = node.results[0];
  return r;
}

void StoreRun::regionDone(const Program &region, NodeId n, const SlotKeys &keys,
                          const std::vector<Value> &slots, uint64_t start,
                          const std::string &iteration) {
  const Node &node = region.nodes()[n];
  if (node.kind != NodeKind::Host)
    return;
  RegionRecord r =
      executedRecord(region, n, start, iteration, Status::NotStored);
  if (regionStorable(region, n)) {
    storeResults(kNoNode, region.results(n), keys, slots, r.rec, nullptr);
    if (r.rec.status == Status::Ran)
      r.key = keys[node.results[0]];
  }
  addRegionRecord(std::move(r));
}

void StoreRun::regionFailed(const Program &region, NodeId n, uint64_t start,
                            const std::string &iteration) {
  if (region.nodes()[n].kind != NodeKind::Host)
    return;
  addRegionRecord(executedRecord(region, n, start, iteration, Status::Failed));
}

void StoreRun::addRegionRecord(RegionRecord r) {
  std::lock_guard<std::mutex> lock(recordsMutex_);
  if (regionRecords_.size() >= kMaxRegionRecords) {
    ++regionOmitted_;
    return;
  }
  regionRecords_.push_back(std::move(r));
}

void StoreRun::nodeFailed(NodeId n, uint64_t start) {
  NodeRecord &rec = nodes_[n];
  rec.thread = threadNumber();
  rec.seconds = static_cast<double>(now() - start) * 1e-9;
  rec.status = Status::Failed;
}

void StoreRun::writerLoop() {
  std::vector<Item> items;
  std::vector<ValueStore::Pending> batch, small;
  while (true) {
    {
      std::unique_lock<std::mutex> lock(mutex_);
      wake_.wait(lock, [&] { return closing_ || !queue_.empty(); });
      if (queue_.empty())
        return;
      items.swap(queue_);
    }
    batch.clear();
    small.clear();
    for (Item &item : items) {
      std::optional<std::string> payload = tryEncode(item.value);
      item.value.reset();
      if (!payload)
        continue;
      // The writer thread alone touches `bytes` of a node that ran (its
      // thread set the rest before queueing, under the mutex). A region
      // node's (kNoNode) were counted when it was queued.
      if (item.node != kNoNode)
        nodes_[item.node].bytes += payload->size();
      (payload->size() <= store_->packMax() ? small : batch)
          .push_back({item.key, std::move(*payload)});
    }
    items.clear();
    stored_ += store_->append(small);
    // One large value: fsync it and its folder; more: two syncfs for all.
    if (batch.size() == 1)
      stored_ += store_->write(batch[0].key, batch[0].payload);
    else if (!batch.empty())
      stored_ += store_->writeBatch(batch);
  }
}

std::string StoreRun::linePrefix(const Program &p, const Node &node,
                                 SlotId shown) {
  std::string variable = node.results.empty() ? "" : p.slot(shown).name;
  if (variable.empty() && node.source)
    variable = node.source->loc.name;
  std::string name =
      node.kind == NodeKind::Host && !node.text.empty() ? node.text : variable;
  std::string out = "{\"name\": ";
  appendJSONString(out, name);
  out += ", \"variable\": ";
  appendJSONString(out, variable);
  out += ", \"op\": ";
  appendJSONString(out, node.opName);
  out += ", \"location\": ";
  appendJSONString(out, locString(node));
  return out;
}

namespace {
void appendUInt(std::string &out, uint64_t v) {
  char buf[24];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  (void)ec;
  out.append(buf, end);
}
} // namespace

void StoreRun::appendNode(std::string &out, bool &first,
                          const std::string &prefix, const StoreKey &key,
                          const NodeRecord &rec, const std::string &iteration) {
  // Written per node at the end of every run: no printf, no per-node
  // allocation (a run of small nodes spent a sixth of its store time here).
  out += first ? "\n  " : ",\n  ";
  first = false;
  out += prefix;
  // Inside loops: which iteration, outermost first ("3.12").
  if (!iteration.empty()) {
    out += ", \"iteration\": ";
    appendJSONString(out, iteration);
  }
  static const char *names[] = {"", "ran", "cached", "failed", "not-stored"};
  out += ", \"status\": \"";
  out += names[static_cast<int>(rec.status)];
  // %.6f of the seconds, as the format has always had it.
  uint64_t us = static_cast<uint64_t>(std::llround(rec.seconds * 1e6));
  out += "\", \"seconds\": ";
  appendUInt(out, us / 1000000);
  char frac[7];
  uint64_t f = us % 1000000;
  for (int i = 5; i >= 0; --i, f /= 10)
    frac[i] = static_cast<char>('0' + f % 10);
  out += '.';
  out.append(frac, 6);
  out += ", \"thread\": ";
  appendUInt(out, rec.thread);
  out += ", \"bytes\": ";
  appendUInt(out, rec.bytes);
  out += ", \"key\": \"";
  out += key.hex(); // hex digits: nothing to escape
  out += "\"}";
}

std::string StoreRun::record(uint64_t id, const char *status,
                             const std::string &errorJson) const {
  std::string out =
      "{\"format\": 1, \"id\": " + std::to_string(id) + ", \"program\": ";
  appendJSONString(out, p_.name);
  out += ", \"start\": ";
  appendJSONString(out, start_);
  bool done = std::string(status) != "running";
  out += ", \"end\": ";
  if (done)
    appendJSONString(out, isoNow());
  else
    out += "null";
  out += ", \"status\": \"" + std::string(status) + "\", \"error\": ";
  out += errorJson.empty() ? "null" : errorJson;
  out += ",\n \"outputs\": {";
  bool first = true;
  for (SlotId f : fetches_) {
    const SlotInfo &info = p_.slot(f);
    std::vector<std::string> names = info.bindings;
    if (names.empty() && !info.name.empty())
      names.push_back(info.name);
    // A returned value with no variable: named as ag-run names it.
    const auto &results = p_.results();
    for (size_t i = 0; names.empty() && i < results.size(); ++i)
      if (results[i] == f)
        names.push_back("result" + std::to_string(i));
    if (names.empty())
      names.push_back("%" + std::to_string(f));
    for (const std::string &name : names) {
      out += first ? "" : ", ";
      first = false;
      appendJSONString(out, name);
      out += ": ";
      appendJSONString(out, storable(f) ? keys_[f].hex() : "");
    }
  }
  out += "},\n \"stats\": {\"executed\": ";
  uint64_t executed = 0;
  for (const NodeRecord &rec : nodes_)
    executed += rec.status == Status::Ran || rec.status == Status::NotStored ||
                rec.status == Status::Failed;
  executed += regionRan_.load();
  out += std::to_string(executed) +
         ", \"cached\": " + std::to_string(cached_.load()) +
         ", \"stored\": " + std::to_string(done ? stored_.load() : 0);
  // Region nodes past kMaxRegionRecords ran (or were read) unlisted.
  if (regionOmitted_)
    out += ", \"unlisted\": " + std::to_string(regionOmitted_);
  out += "},\n";
  out += " \"nodes\": [";
  first = true;
  for (NodeId n = 0; n < nodes_.size(); ++n) {
    const NodeRecord &rec = nodes_[n];
    if (rec.status == Status::None)
      continue;
    const Node &node = p_.nodes()[n];
    // The stored result names the line (a loop's results are its carried
    // variables: the fetched one is the one to show).
    StoreKey key;
    SlotId shown = node.results.empty() ? 0 : node.results[0];
    for (SlotId r : node.results)
      if (storable(r)) {
        key = keys_[r];
        shown = r;
        break;
      }
    appendNode(out, first, programKeys_.linePrefix(p_, n, shown), key, rec, "");
  }
  // Written at begin() (none yet) and at finish() (every node done): no
  // thread adds one meanwhile.
  for (const RegionRecord &r : regionRecords_)
    appendNode(out, first, linePrefix(*r.region, *r.node, r.shown), r.key,
               r.rec, r.iteration);
  out += first ? "]}\n" : "\n ]}\n";
  return out;
}

void StoreRun::begin() {
  start_ = isoNow();
  id_ =
      store_->createRun([&](uint64_t id) { return record(id, "running", ""); });
  begun_ = true;
}

void StoreRun::finish(std::exception_ptr error, RunStats &stats) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    closing_ = true;
  }
  wake_.notify_one();
  if (writer_.joinable())
    writer_.join();
  // A pack is per run (so that a gc can compact it once the run is over);
  // its sync, at most a second away, does not hold the run up.
  store_->closePack();
  stats.nodesCached = cached_.load();
  stats.valuesLoaded = loaded_.load();
  stats.valuesStored = stored_.load();
  stats.storeRun = id_;
  if (!begun_)
    return;
  std::string errorJson;
  if (error) {
    try {
      std::rethrow_exception(error);
    } catch (const Error &e) {
      const SourceLoc &loc = e.loc();
      errorJson = "{\"message\": ";
      appendJSONString(errorJson, e.message());
      errorJson += ", \"file\": ";
      appendJSONString(errorJson, loc.file);
      errorJson += ", \"line\": " + std::to_string(loc.line) +
                   ", \"column\": " + std::to_string(loc.col) + "}";
    } catch (const std::exception &e) {
      errorJson = "{\"message\": ";
      appendJSONString(errorJson, e.what());
      errorJson += ", \"file\": \"\", \"line\": 0, \"column\": 0}";
    } catch (...) {
      errorJson = "{\"message\": \"unknown exception\", \"file\": \"\", "
                  "\"line\": 0, \"column\": 0}";
    }
  }
  std::string json = record(id_, error ? "failed" : "ok", errorJson);
  if (!store_->writeRun(id_, json))
    std::cerr << "warning: ag store: cannot write the run record '"
              << store_->runPath(id_) << "'\n";
}

} // namespace ag::exec
