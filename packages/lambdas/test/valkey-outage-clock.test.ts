import { ValkeyOutageClock } from '../src/pull-action/valkey-outage';

describe('ValkeyOutageClock', () => {
  it('counts from a call\'s first consecutive fault, per call, and starts again after a recovery', () => {
    const clock = new ValkeyOutageClock();
    expect(clock.failed('a', 1000)).toBe(0);
    expect(clock.failed('b', 1500)).toBe(0);
    expect(clock.failed('a', 4000)).toBe(3000);
    clock.recovered('a');
    expect(clock.failed('a', 9000)).toBe(0);
    expect(clock.failed('b', 9000)).toBe(7500);
  });

  it('forgets the oldest outages first beyond maxCalls, so a container\'s memory stays bounded', () => {
    const clock = new ValkeyOutageClock(2);
    clock.failed('first', 0);
    clock.failed('second', 10);
    clock.failed('third', 20);
    expect(clock.failed('first', 100)).toBe(0);
    expect(clock.failed('third', 100)).toBe(80);
  });
});
