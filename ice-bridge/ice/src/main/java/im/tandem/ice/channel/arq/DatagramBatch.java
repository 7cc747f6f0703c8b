package im.tandem.ice.channel.arq;

import im.tandem.ice.transport.DatagramTransport;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Datagrams sent together: where the transport takes several in one system call, consecutive datagrams are
 * gathered end to end (all of one size but the last, as a segmented send needs) and go out when the batch is full,
 * when a datagram does not fit its shape, or on {@link #flush}. Otherwise each goes out at once. The transport is
 * asked at the start of each batch, as it may move to a path that takes batches (ICE's pair taken over).
 */
final class DatagramBatch {

    private final DatagramTransport transport;
    private final int maxDatagramBytes;
    /** Allocated once the transport first takes batches. */
    private ByteBuffer gathered;
    private int limit;
    private int count;
    private int datagramBytes;
    /** The last datagram gathered was shorter than the first: nothing may follow it in this batch. */
    private boolean shortTail;

    DatagramBatch(DatagramTransport transport, int maxDatagramBytes) {
        this.transport = transport;
        this.maxDatagramBytes = maxDatagramBytes;
    }

    /** Sends or gathers the buffer's remaining bytes as one datagram; the buffer is read, not kept. */
    void add(ByteBuffer datagram) {
        int size = datagram.remaining();
        if (count > 0 && (count == limit || shortTail || size > datagramBytes)) {
            flush();
        }
        if (count == 0) {
            limit = transport.batchLimit(maxDatagramBytes);
            if (limit <= 1) {
                sendQuietly(datagram);
                return;
            }
            if (gathered == null || gathered.capacity() < limit * maxDatagramBytes) {
                gathered = ByteBuffer.allocate(limit * maxDatagramBytes);
            }
            datagramBytes = size;
        } else if (size < datagramBytes) {
            shortTail = true;
        }
        gathered.put(datagram);
        count++;
    }

    /** Sends what was gathered. */
    void flush() {
        if (count == 0) {
            return;
        }
        gathered.flip();
        try {
            if (count == 1) {
                transport.send(gathered);
            } else {
                transport.sendBatch(gathered, datagramBytes);
            }
        } catch (IOException e) {
            // As a loss of all of them: retransmission repairs it (see ArqConnection#transmit).
        } finally {
            gathered.clear();
            count = 0;
            shortTail = false;
        }
    }

    private void sendQuietly(ByteBuffer datagram) {
        try {
            transport.send(datagram);
        } catch (IOException e) {
            // As a loss (see ArqConnection#transmit).
        }
    }
}
