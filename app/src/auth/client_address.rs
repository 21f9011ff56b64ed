//! The address a sign-in comes from: the socket's peer, or, when that peer
//! is a trusted proxy (`--trusted-proxy`), the right-most address in
//! `X-Forwarded-For` that is not itself a trusted proxy. A client cannot
//! choose its address by sending the header itself. Addresses are compared
//! canonically (`::ffff:10.0.0.1` is `10.0.0.1`), and a forwarded entry may
//! carry a port (`203.0.113.9:5678`, `[2001:db8::1]:443`).

use std::net::{IpAddr, SocketAddr};
use std::sync::Once;

use axum::extract::ConnectInfo;
use axum::http::request::Parts;

use crate::error::AppError;

/// The client's address of the current request, in the form the attempt
/// counters use (see [`counted_as`]).
pub fn current(trusted_proxies: &[IpAddr]) -> Result<String, AppError> {
    let parts = leptos::prelude::use_context::<Parts>().ok_or_else(|| {
        tracing::error!("request parts missing from context");
        AppError::Unavailable
    })?;
    let peer = parts
        .extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(address)| address.ip())
        .ok_or_else(|| {
            tracing::error!("the server was started without the peer's address (connect info)");
            AppError::Unavailable
        })?;
    let forwarded: Vec<&str> = parts
        .headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|value| value.to_str().ok())
        .collect();
    if !forwarded.is_empty() && !is_trusted(peer, trusted_proxies) {
        warn_untrusted_forwarding(peer);
    }
    Ok(counted_as(client_of(peer, &forwarded, trusted_proxies)))
}

/// Says once per process that `X-Forwarded-For` came from a peer that is
/// not a trusted proxy: behind a proxy not named by `--trusted-proxy`,
/// every client is counted as the proxy's address.
fn warn_untrusted_forwarding(peer: IpAddr) {
    static WARNED: Once = Once::new();
    WARNED.call_once(|| {
        tracing::warn!(
            %peer,
            "X-Forwarded-For came from a peer that is not a trusted proxy and was ignored; \
             behind a reverse proxy, name it with --trusted-proxy, or every client is counted \
             as the proxy's address (this is said once)"
        );
    });
}

/// Is `address` one of the trusted proxies? Both sides are compared in
/// their canonical form.
fn is_trusted(address: IpAddr, trusted_proxies: &[IpAddr]) -> bool {
    let address = address.to_canonical();
    trusted_proxies
        .iter()
        .any(|proxy| proxy.to_canonical() == address)
}

/// One `X-Forwarded-For` entry as an address: bare, with a port
/// (`203.0.113.9:5678`, `[2001:db8::1]:443`) or an IPv6 one in brackets.
fn forwarded_address(entry: &str) -> Option<IpAddr> {
    let entry = entry.trim();
    entry
        .parse::<IpAddr>()
        .ok()
        .or_else(|| entry.parse::<SocketAddr>().ok().map(|address| address.ip()))
        .or_else(|| entry.strip_prefix('[')?.strip_suffix(']')?.parse().ok())
}

/// The client behind `peer`: `peer` itself unless it is trusted; otherwise
/// the right-most forwarded address that is not trusted (or the left-most
/// one when every hop is trusted). An entry that is not an address ends the
/// walk at the hop that added it.
pub fn client_of(peer: IpAddr, forwarded: &[&str], trusted_proxies: &[IpAddr]) -> IpAddr {
    if !is_trusted(peer, trusted_proxies) {
        return peer;
    }
    let mut client = peer;
    for entry in forwarded.iter().flat_map(|value| value.split(',')).rev() {
        match forwarded_address(entry) {
            Some(address) if is_trusted(address, trusted_proxies) => client = address,
            Some(address) => return address,
            None => return client,
        }
    }
    client
}

/// IPv4 addresses are counted one by one; IPv6 addresses by their /64
/// network, since one household or host usually holds a whole /64.
pub fn counted_as(address: IpAddr) -> String {
    match address.to_canonical() {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => {
            let s = v6.segments();
            format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap()
    }

    #[test]
    fn the_header_is_ignored_unless_the_peer_is_a_trusted_proxy() {
        let peer = ip("198.51.100.7");
        assert_eq!(client_of(peer, &["203.0.113.1"], &[]), peer);
        assert_eq!(client_of(peer, &["203.0.113.1"], &[ip("10.0.0.1")]), peer);
    }

    #[test]
    fn the_right_most_untrusted_address_is_the_client() {
        let proxy = ip("10.0.0.1");
        let inner = ip("10.0.0.2");
        let trusted = [proxy, inner];
        // The client wrote a fake first entry; the proxies appended the rest.
        let forwarded = ["1.2.3.4, 203.0.113.9", "10.0.0.2"];
        assert_eq!(client_of(proxy, &forwarded, &trusted), ip("203.0.113.9"));
        assert_eq!(client_of(proxy, &[], &trusted), proxy);
        assert_eq!(client_of(proxy, &["nonsense, 10.0.0.2"], &trusted), inner);
    }

    #[test]
    fn a_forwarded_address_with_a_port_is_the_client_not_the_proxy() {
        let proxy = ip("10.0.0.1");
        assert_eq!(
            client_of(proxy, &["203.0.113.9:5678"], &[proxy]),
            ip("203.0.113.9")
        );
        assert_eq!(
            client_of(proxy, &["[2001:db8::1]:443"], &[proxy]),
            ip("2001:db8::1")
        );
        assert_eq!(client_of(proxy, &["[2001:db8::1]"], &[proxy]), ip("2001:db8::1"));
        // A trusted hop with a port is still skipped.
        assert_eq!(
            client_of(proxy, &["203.0.113.9, 10.0.0.2:8080"], &[proxy, ip("10.0.0.2")]),
            ip("203.0.113.9")
        );
    }

    #[test]
    fn trusted_proxies_are_compared_in_canonical_form() {
        // Named as IPv4-mapped IPv6, connecting over IPv4.
        let named = [ip("::ffff:10.0.0.1")];
        assert_eq!(
            client_of(ip("10.0.0.1"), &["203.0.113.9"], &named),
            ip("203.0.113.9")
        );
        // Named as IPv4, connecting as IPv4-mapped IPv6 (a dual-stack socket).
        assert_eq!(
            client_of(ip("::ffff:10.0.0.1"), &["203.0.113.9"], &[ip("10.0.0.1")]),
            ip("203.0.113.9")
        );
        assert_eq!(
            client_of(ip("10.0.0.1"), &["203.0.113.9, ::ffff:10.0.0.1"], &named),
            ip("203.0.113.9"),
            "a trusted hop written either way is skipped"
        );
    }

    #[test]
    fn ipv6_is_counted_by_its_64_bit_network() {
        assert_eq!(counted_as(ip("2001:db8:1:2:3:4:5:6")), "2001:db8:1:2::/64");
        assert_eq!(counted_as(ip("::ffff:203.0.113.5")), "203.0.113.5");
        assert_eq!(counted_as(ip("203.0.113.5")), "203.0.113.5");
    }
}
