// The height-work pledge's signature pad: draw with a finger or the mouse; on submit the drawing goes as a PNG data URL.
(function () {
    const pad = document.getElementById('pledge-pad');
    if (!pad) return;
    const form = document.getElementById('pledge-form');
    const out = document.getElementById('pledge-signature');
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
    document.getElementById('pledge-clear').addEventListener('click', () => { ctx.clearRect(0, 0, pad.width, pad.height); drawn = false; });
    form.addEventListener('submit', () => { out.value = drawn ? pad.toDataURL('image/png') : ''; });
})();
