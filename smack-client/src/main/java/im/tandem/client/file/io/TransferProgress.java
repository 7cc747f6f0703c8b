package im.tandem.client.file.io;

/**
 * How far a transfer is.
 *
 * @param bytesDone      bytes sent or received so far
 * @param totalBytes     the file's size
 * @param bytesPerSecond the average speed since the first byte
 */
public record TransferProgress(long bytesDone, long totalBytes, long bytesPerSecond) {
    public TransferProgress {
        if (bytesDone < 0 || totalBytes < 0 || bytesPerSecond < 0) {
            throw new IllegalArgumentException("progress values cannot be negative");
        }
    }

    /** 0 to 100; an empty file is complete at once. */
    public int percent() {
        return totalBytes == 0 ? 100 : (int) (bytesDone * 100 / totalBytes);
    }
}
