package io.incidents.notificationservice.delivery;

import io.incidents.notificationservice.routing.Channel;

/** Sends one message through one channel; throws when the other side did not take it. */
public interface ChannelSender {

    Channel channel();

    void send(Delivery delivery) throws Exception;
}
