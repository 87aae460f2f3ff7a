function mix:
  0000  push rbp
  0001  mov rbp,rsp
  0004  push r14
  0006  push r15
  0008  sub rsp,60h
  000f  mov r14,rdi
  0012  mov r11,[r14]
  0019  cmp rsp,[r11+8]
  0020  jb 00000000000000FAh
  0026  movdqu [rbp-20h],xmm0
  002f  mov edx,edx
  0032  mov [rbp-30h],rdx
  0039  mov r15,[r14+8]
  0040  mov r15,[r15]
  0047  movdqu xmm1,[120h]
  0050  movaps xmm2,xmm0
  0054  paddd xmm2,xmm1
  0059  mov rax,rdx
  005c  movdqu xmm1,[r15+rax+10h]    ; trap: Code(MemoryOutOfBounds)
  0066  movdqa xmm3,xmm2
  006b  psrlq xmm3,20h
  0071  pmuludq xmm3,xmm1
  0076  movdqa xmm15,xmm1
  007b  psrlq xmm15,20h
  0081  pmuludq xmm15,xmm2
  0086  paddq xmm3,xmm15
  008b  psllq xmm3,20h
  0091  pmuludq xmm2,xmm1
  0096  paddq xmm2,xmm3
  009b  mov rax,rdx
  009e  and eax,7
  00a5  movd xmm15,eax
  00aa  pcmpeqw xmm3,xmm3
  00af  psrlw xmm3,8
  00b5  movdqa xmm1,xmm3
  00ba  pandn xmm1,xmm2
  00bf  pand xmm2,xmm3
  00c4  psllw xmm2,xmm15
  00c9  pand xmm2,xmm3
  00ce  psllw xmm1,xmm15
  00d3  por xmm2,xmm1
  00d8  movaps xmm0,xmm2
  00dc  lea rsp,[rbp-10h]
  00e3  pop r15
  00e5  pop r14
  00e7  pop rbp
  00e8  ret
  00e9  movdqu xmm0,[rsp]
  00f3  jmp 00000000000000DCh
  00f8  ud2    ; trap: Code(MemoryOutOfBounds)
  00fa  ud2    ; trap: Code(StackOverflow)
  00fc  mov r11,rdx
  00ff  movdqu xmm0,[r11]
  0109  mov edx,[r11+10h]
  0111  jmp 0
  0116  nop
  0117  nop
  0118  nop
  0119  nop
  011a  nop
  011b  nop
  011c  nop
  011d  nop
  011e  nop
  011f  nop
  0120  add [rax],eax
  0122  add [rax],al
  0124  add al,[rax]
  0126  add [rax],al
  0128  add eax,[rax]
  012a  add [rax],al
  012c  add al,0
  012e  add [rax],al

function min:
  0000  push rbp
  0001  mov rbp,rsp
  0004  push r14
  0006  push r15
  0008  sub rsp,60h
  000f  mov r14,rdi
  0012  mov r11,[r14]
  0019  cmp rsp,[r11+8]
  0020  jb 0000000000000091h
  0026  movdqu [rbp-20h],xmm0
  002f  movdqu [rbp-30h],xmm1
  0038  mov r15,[r14+8]
  003f  mov r15,[r15]
  0046  movaps xmm2,xmm1
  004a  movaps xmm3,xmm0
  004e  movaps xmm15,xmm3
  0052  minps xmm15,xmm2
  0056  minps xmm2,xmm3
  005a  orps xmm15,xmm2
  005e  cmpunordps xmm2,xmm15
  0063  orps xmm15,xmm2
  0067  psrld xmm2,0Ah
  006d  andnps xmm2,xmm15
  0071  movaps xmm0,xmm2
  0075  lea rsp,[rbp-10h]
  007c  pop r15
  007e  pop r14
  0080  pop rbp
  0081  ret
  0082  movdqu xmm0,[rsp]
  008c  jmp 0000000000000075h
  0091  ud2    ; trap: Code(StackOverflow)
  0093  mov r11,rdx
  0096  movdqu xmm0,[r11]
  00a0  movdqu xmm1,[r11+10h]
  00aa  jmp 0

