/**
 * Entry of the script-tag build (`dist/touchpoint.iife.js`): defines `window.touchpoint`, reading
 * `data-endpoint` / `data-write-key` from its own `<script>` tag and replaying the snippet's calls.
 */
import { installGlobal, optionsFromScript } from './install-global'

// `currentScript` is only set while this file first runs; an async script still has it then.
const script = document.currentScript ?? document.querySelector('script[data-endpoint]')
installGlobal(window as unknown as { touchpoint?: unknown }, optionsFromScript(script))
