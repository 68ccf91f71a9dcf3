import { describe, expect, it } from 'vitest';
import { parseInboundTopic, topics } from '@atrium/shared';

describe('inbound topics', () => {
  it.each([
    [topics.posTx('demo', 'dining-01'), { kind: 'posTx', storeId: 'dining-01' }],
    [topics.gateEvent('demo', 'gate-north'), { kind: 'gateEvent', gateId: 'gate-north' }],
    [topics.deviceStatus('demo', 'till.7'), { kind: 'deviceStatus', deviceId: 'till.7' }],
    [topics.posTxResult('demo', 'dining-01'), { kind: 'hubReply' }],
    [topics.gateCommand('demo', 'gate-north'), { kind: 'hubReply' }],
  ])('%s is %o', (topic, expected) => {
    expect(parseInboundTopic('demo', topic)).toEqual(expected);
  });

  it.each([
    ['atrium/other/pos/s1/tx', /not under atrium\/demo/],
    ['atrium/demo/pos/tx', /expected atrium\/demo\/pos\/\{storeId\}\/tx/],
    ['atrium/demo/parking/g1/evt', /expected atrium\/demo\/parking\/\{gateId\}\/event/],
    ['atrium/demo/pos/s 1/tx', /no valid device id/],
    ['atrium/demo/lights/l1/on', /unknown topic shape/],
  ])('%s is unknown because it %s', (topic, reason) => {
    const parsed = parseInboundTopic('demo', topic);
    expect(parsed.kind).toBe('unknown');
    expect(parsed.kind === 'unknown' && parsed.reason).toMatch(reason);
  });
});
