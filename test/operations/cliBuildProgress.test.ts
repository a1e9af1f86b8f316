/** What `npm start` says while it builds the Temporal CLI on a first start (several quiet minutes otherwise). */
import { buildProgressLine } from '../../temporal/cli';

describe('temporal CLI build progress', () => {
  it('says the build happens once and how long it takes, with the time so far', () => {
    const line = buildProgressLine(150_400);

    expect(line).toContain('first start builds the Temporal CLI once, about 5–10 minutes on 2 cores');
    expect(line).toContain('2 min 30 s so far');
  });
});
