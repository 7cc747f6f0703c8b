package im.tandem.client.file.transport.ice;

import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;

import im.tandem.client.file.transport.BytePipe;
import im.tandem.client.ice.IceChannelSetup;
import im.tandem.ice.channel.Channel;

/** The direct path: the encrypted channel over the ICE session's selected pair; closing it ends both. */
final class ChannelPipe implements BytePipe {
    private final Channel channel;
    private final IceChannelSetup ice;

    ChannelPipe(Channel channel, IceChannelSetup ice) {
        this.channel = channel;
        this.ice = ice;
    }

    @Override
    public InputStream input() {
        return channel.input();
    }

    @Override
    public OutputStream output() {
        return channel.output();
    }

    /** The channel's own buffer holds megabytes, which a slow relayed path takes a while to carry. */
    @Override
    public void awaitDelivered(Duration stallLimit) {
        channel.awaitDelivered(stallLimit);
    }

    @Override
    public void close() {
        channel.close();
        ice.close();
    }
}
