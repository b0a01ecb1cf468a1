// Signature pads (the height-work pledge, the renovation agreement): draw with a finger or the mouse in a canvas[data-signature-pad];
// on submit the drawing goes as a PNG data URL in the form's input[data-signature-out]; [data-signature-clear] starts again.
(function () {
    document.querySelectorAll('canvas[data-signature-pad]').forEach(pad => {
        const form = pad.closest('form');
        const out = form.querySelector('input[data-signature-out]');
        const ctx = pad.getContext('2d');
        let drawing = false, drawn = false;
        ctx.lineWidth = 2.5; ctx.lineCap = 'round'; ctx.strokeStyle = '#111';
        const at = e => {
            const r = pad.getBoundingClientRect();
            return [(e.clientX - r.left) * pad.width / r.width, (e.clientY - r.top) * pad.height / r.height];
        };
        pad.addEventListener('pointerdown', e => { drawing = true; pad.setPointerCapture(e.pointerId); ctx.beginPath(); ctx.moveTo(...at(e)); });
        pad.addEventListener('pointermove', e => { if (!drawing) return; ctx.lineTo(...at(e)); ctx.stroke(); drawn = true; });
        ['pointerup', 'pointercancel'].forEach(t => pad.addEventListener(t, () => { drawing = false; }));
        const clear = form.querySelector('[data-signature-clear]');
        if (clear) clear.addEventListener('click', () => { ctx.clearRect(0, 0, pad.width, pad.height); drawn = false; });
        form.addEventListener('submit', () => { out.value = drawn ? pad.toDataURL('image/png') : ''; });
    });
})();
