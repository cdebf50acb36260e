/**
 * Entry of the script-tag build (`dist/touchpoint.iife.js`): defines `window.touchpoint` from its
 * own `<script>` tag (`currentScript` is only set while this file first runs; an async script
 * still has it then) and replays the snippet's calls.
 */
import { installGlobal } from './install-global'

installGlobal(window as unknown as { touchpoint?: unknown }, document.currentScript ?? document.querySelector('script[data-endpoint]'))
