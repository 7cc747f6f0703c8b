package im.tandem.client.app;

import java.io.IOException;

/** Where the chat program shows events and reads the user's lines. */
interface ChatScreen extends AutoCloseable {
    void show(ChatEvent event);

    /** The next line, or null at the end of input. The controller tells what the prompt should show. */
    String readLine(ChatController controller) throws IOException;

    @Override
    void close() throws IOException;
}
