package io.bilateral.query.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How much one client may ask ({@code bilateral.limits.*}; env {@code BILATERAL_LIMITS_*}). A
 * client is its address: behind a proxy, enable {@code quarkus.http.proxy.proxy-address-forwarding}
 * so that it is the forwarded one, not the proxy's.
 */
@ConfigMapping(prefix = "bilateral.limits")
public interface LimitsConfig {

    /** Requests a second per client address, sustained; 0 turns the limit off. */
    @WithDefault("1000")
    double readsPerSecond();

    /** Requests a client may send at once before the rate applies. */
    @WithDefault("2000")
    int readBurst();
}
