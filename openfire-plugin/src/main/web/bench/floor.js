// Never served: `./tandem bench web` loads this into its floor pages. It is the web chat's XMPP side (session.js, and
// its WebSocket connector on xmpp.js) without the panel or the direct path, so that the benchmark measures, beside the
// web chat, what the same code takes on the wire with nothing drawn.
import { Session } from "../src/session.js";

window.TandemFloor = { Session };
