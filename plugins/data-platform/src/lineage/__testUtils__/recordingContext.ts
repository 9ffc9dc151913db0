type Stroke = { colour: string; width: number; dash: number[]; curves: number };

/** A 2D context that records what was stroked and written, the way a canvas would receive it. */
export function recordingContext() {
  const strokes: Stroke[] = [];
  const texts: { text: string; colour: string }[] = [];
  const dashedOutlines: string[] = [];
  const solidOutlines: { colour: string; width: number }[] = [];
  let dash: number[] = [];
  let curves = 0;
  const ctx = {
    strokeStyle: '',
    fillStyle: '',
    lineWidth: 1,
    globalAlpha: 1,
    font: '',
    textAlign: 'left',
    textBaseline: 'alphabetic',
    setTransform() {},
    clearRect() {},
    fillRect() {},
    save() {},
    restore() {},
    beginPath() {
      curves = 0;
    },
    moveTo() {},
    bezierCurveTo() {
      curves++;
    },
    arc() {},
    rect() {},
    roundRect() {},
    fill() {},
    setLineDash(d: number[]) {
      dash = d;
    },
    stroke() {
      if (curves > 0) {
        strokes.push({
          colour: String(ctx.strokeStyle),
          width: ctx.lineWidth,
          dash,
          curves,
        });
      } else if (dash.length > 0) dashedOutlines.push(String(ctx.strokeStyle));
      else
        solidOutlines.push({
          colour: String(ctx.strokeStyle),
          width: ctx.lineWidth,
        });
    },
    fillText(text: string) {
      texts.push({ text, colour: String(ctx.fillStyle) });
    },
    drawImage() {},
  };
  return {
    ctx: ctx as unknown as CanvasRenderingContext2D,
    strokes,
    texts,
    dashedOutlines,
    solidOutlines,
  };
}
