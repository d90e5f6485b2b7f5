#include "devices/dns/dns_exchange.h"

namespace netsim::devices {

DnsExchange::DnsExchange(UdpLayer& udp, Context& ctx, std::string node, wire::Ipv4Address server,
                         wire::DnsMessage query)
    : udp_(udp), ctx_(ctx), node_(std::move(node)), server_(server), query_(std::move(query)) {
  bytes_.resize(query_.buffer_len());
  query_.emit(bytes_);
}

DnsExchange::~DnsExchange() {
  timeout_.cancel(ctx_.scheduler());
  poll_.cancel(ctx_.scheduler());
  if (socket_) socket_->close();
}

bool DnsExchange::send(Time timeout, Done done) {
  if (!socket_) {
    socket_ = udp_.open();
    if (!socket_->connect({server_, wire::kDnsPort}).ok()) {
      socket_->close();
      socket_ = nullptr;
      return false;
    }
    // The waker fires inside the UDP layer's delivery: read the socket from
    // the event loop instead, where closing it is safe.
    socket_->set_waker([this] { poll_.arm(ctx_.scheduler(), ctx_.now(), [this] { poll(); }); });
  }
  if (!socket_->send(bytes_).ok()) return false;
  done_ = std::move(done);
  wait_ = timeout;
  timeout_.arm(ctx_.scheduler(), ctx_.now() + timeout,
               [this] { finish(Outcome::Timeout, nullptr); });
  return true;
}

std::string DnsExchange::failure(Outcome outcome) const {
  if (outcome == Outcome::Timeout)
    return "no answer from " + server_.to_string() + " in " + format_duration(wait_);
  return server_.to_string() + " unreachable (ICMP error)";
}

void DnsExchange::poll() {
  while (socket_) {
    std::vector<uint8_t> buffer(std::max<size_t>(socket_->bytes_readable(), 1));
    SocketAddress from;
    const SocketResult<size_t> got = socket_->recv_from(buffer, &from);
    if (got.would_block()) return;
    if (!got.ok()) {  // ICMP port or host unreachable, reported to the connected socket
      if (done_) finish(Outcome::Unreachable, nullptr);
      return;
    }
    buffer.resize(got.value());
    const auto answer = wire::DnsMessage::parse(buffer);
    const bool matches =
        answer && answer->header.qr() && answer->header.id == query_.header.id &&
        answer->questions.size() == 1 && query_.questions.size() == 1 &&
        wire::dns_name_equal(answer->questions[0].name, query_.questions[0].name) &&
        answer->questions[0].type == query_.questions[0].type;
    if (!matches || !done_) {
      ctx_.trace().decision(ctx_.now(), Layer::Application, node_, "", [&] {
        return "DNS answer from " + from.to_string() + " ignored: " +
               (!answer    ? "malformed"
                : !matches ? "ID or question does not match"
                           : "no query waits for it");
      });
      continue;
    }
    finish(Outcome::Answer, &*answer);
    return;
  }
}

void DnsExchange::finish(Outcome outcome, const wire::DnsMessage* answer) {
  timeout_.cancel(ctx_.scheduler());
  Done done = std::move(done_);  // leaves done_ empty: a later answer is late
  done(outcome, answer);         // may destroy *this
}

}  // namespace netsim::devices
