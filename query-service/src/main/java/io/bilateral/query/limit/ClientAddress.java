package io.bilateral.query.limit;

import io.vertx.core.http.HttpServerRequest;

/** Who a client is, for the limits: its address (the forwarded one when proxy address forwarding is on). */
public final class ClientAddress {

    private ClientAddress() {
    }

    public static String of(HttpServerRequest request) {
        return request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
    }
}
